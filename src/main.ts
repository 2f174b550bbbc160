import { mount } from 'svelte';
import { scenarios } from './scenarios';
import App from './views/App.svelte';
import './views/app.css';
import { parseUrlState } from './views/url';

// URL state (query or hash; the hash wins), validated field by field.
const { state: url, ignored } = parseUrlState(location.search, location.hash, {
  scenarioIds: scenarios.map((s) => s.id),
});

const target = document.getElementById('app');
if (!target) throw new Error('missing #app');
target.textContent = '';

export default mount(App, { target, props: { url, ignored } });
