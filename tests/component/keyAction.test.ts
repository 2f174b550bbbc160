import { describe, expect, it } from 'vitest';
import { keyAction } from '../../src/views/keyAction';

const el = (tagName: string) => ({ tagName }) as unknown as EventTarget;

describe('keyAction', () => {
  const cases: {
    input: Parameters<typeof keyAction>[0];
    expected: ReturnType<typeof keyAction>;
  }[] = [
    { input: { key: ' ', target: el('DIV') }, expected: 'toggle' },
    { input: { key: ' ', target: el('BUTTON') }, expected: null },
    { input: { key: 'k', target: el('BUTTON') }, expected: 'toggle' },
    { input: { key: 'ArrowRight', target: el('DIV') }, expected: 'forward' },
    { input: { key: '.', target: el('DIV') }, expected: 'forward' },
    { input: { key: 'ArrowLeft', target: el('DIV') }, expected: 'back' },
    { input: { key: ',', target: el('DIV') }, expected: 'back' },
    { input: { key: 'Home', target: el('DIV') }, expected: 'start' },
    { input: { key: 'End', target: el('DIV') }, expected: 'end' },
    { input: { key: '?', target: el('DIV') }, expected: 'help' },
    { input: { key: 'ArrowRight', target: el('INPUT') }, expected: null },
    { input: { key: 'k', target: el('SELECT') }, expected: null },
    { input: { key: 'ArrowRight', ctrlKey: true, target: el('DIV') }, expected: null },
    { input: { key: 'x', target: el('DIV') }, expected: null },
    { input: { key: '1', target: el('DIV') }, expected: { speed: 0.25 } },
    { input: { key: '3', target: el('BODY') }, expected: { speed: 1 } },
    { input: { key: '6', target: el('DIV') }, expected: { speed: 8 } },
    { input: { key: '7', target: el('DIV') }, expected: null },
    { input: { key: '2', target: el('INPUT') }, expected: null },
  ];
  it.each(cases)(
    'keyAction($input.key on $input.target.tagName) is $expected',
    ({ input, expected }) => {
      expect(keyAction(input)).toEqual(expected);
    },
  );
});
