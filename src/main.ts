import { mount } from 'svelte';
import { scenarios } from './scenarios';
import App from './views/App.svelte';
import { nextTask, RunClient } from './views/runClient';
import './views/app.css';
import { parseUrlState } from './views/url';

// URL state (query or hash; the hash wins), validated field by field.
const { state: url, ignored } = parseUrlState(location.search, location.hash, {
  scenarioIds: scenarios.map((s) => s.id),
});

const target = document.getElementById('app');
if (!target) throw new Error('missing #app');
target.textContent = '';

// Runs go a slice at a time between the page's tasks: no worker to fetch and
// start, the simulation code ships once, and re-runs reuse the warm code.
const client = new RunClient({ defer: nextTask() });

export default mount(App, { target, props: { url, ignored, client } });
