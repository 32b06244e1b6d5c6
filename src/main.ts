// Entry point: mounts the app.
const root = document.getElementById('app');
if (root) root.textContent = 'Ganglag';
