// Scripted memcached requests (edge cases the random workload reaches rarely),
// sent by the live differential test and recorded as golden fixtures.

/** Errors, noreply, the 30-day exptime rule, delayed flush_all; `now` in Unix seconds. */
export function edgeScript(now: number): string[] {
  return [
    'flush_all\r\n',
    'set e:a 0 0 3\r\nabc\r\nset e:a 0 0 3\r\nabcd\r\n',
    'set e:b 0 0 5\r\nabc\r\nxy\r\n',
    'set e:c 0 0 -1\r\nabc\r\n',
    'set e:c 0 0 noreply\r\nabc\r\n',
    'set e:d 0 0 1 noreply\r\nxy\r\n',
    `set e:rel 0 ${60 * 60 * 24 * 30} 1\r\nr\r\nset e:abs1970 0 ${60 * 60 * 24 * 30 + 1} 1\r\nr\r\n`,
    `set e:past 0 ${now - 100} 1\r\np\r\nset e:future 0 ${now + 1000} 1\r\nf\r\nset e:neg 0 -1 1\r\nn\r\n`,
    'get e:rel e:abs1970 e:past e:future e:neg\r\n',
    'set e:n 0 0 3\r\n100\r\ndecr e:n 1\r\ngets e:n\r\nincr e:n 18446744073709551615\r\nget e:n\r\ndecr e:n 1000\r\nget e:n\r\n',
    'set e:m 0 0 2\r\n10\r\nincr e:m 18446744073709551615\r\nget e:m\r\nincr e:m 18446744073709551607\r\n',
    'incr e:a 1\r\nincr e:zz 1\r\nincr e:a -1\r\n',
    'gets e:n\r\ncas e:n 0 0 1 1\r\nx\r\ncas e:n 0 0 1 0\r\nx\r\ncas e:gone 0 0 1 5\r\nx\r\n',
    'delete e:n 0\r\ndelete e:n 1\r\ndelete e:n noreply\r\ndelete\r\n',
    // A delay that has not come yet flushes nothing; one that acts now does.
    'set e:f 0 0 1\r\nf\r\nflush_all 100000\r\nget e:f\r\nflush_all 0\r\nget e:f\r\n',
    `set e:g 0 0 1\r\ng\r\nflush_all ${now - 5}\r\nget e:g\r\nset e:h 0 0 1\r\nh\r\ngets e:h\r\n`,
    'flush_all abc\r\nflush_all 1 2 3\r\nflush_all -1 noreply\r\nverbosity 1\r\nverbosity\r\nversion\r\n',
    `get e:a ${'k'.repeat(251)} e:a\r\nget ${'a '.repeat(30)}\r\n`,
    'touch e:future 1000\r\ngat 0 e:future e:none\r\ngats x e:future\r\n',
  ];
}

/**
 * At memcached's default item size limit (-I 1m): the largest value that fits
 * and one byte more (header, key and cas counted; flags are counted in
 * tests/unit/memcached/documentedCases.ts, at -I 4k).
 */
export function itemSizeScript(): string[] {
  const fits = 1024 * 1024 - 60;
  return [fits, fits + 1].map((n) => `set a 0 0 ${n}\r\n${'x'.repeat(n)}\r\n`);
}
