// Placeholder dashboard: the current status from /api/status, kept live by /api/stream.
const rows = new Map();
const body = document.getElementById("checks");
const streamLabel = document.getElementById("stream");

function key(account, checkType) {
  return `${account}\u0000${checkType}`;
}

function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text ?? "";
  if (className) td.className = className;
  return td;
}

function render() {
  body.replaceChildren();
  for (const s of rows.values()) {
    const tr = document.createElement("tr");
    tr.dataset.check = s.checkType;
    tr.append(
      cell(s.account),
      cell(s.checkType),
      cell(s.status, s.status),
      cell(s.outcome),
      cell(s.responseTime == null ? "—" : `${s.responseTime} ms`),
      cell(new Date(s.lastCheck).toLocaleTimeString()),
      cell(s.errorMessage),
    );
    body.append(tr);
  }
}

async function loadStatus() {
  const response = await fetch("/api/status");
  if (!response.ok) return;
  for (const s of await response.json()) rows.set(key(s.account, s.checkType), s);
  render();
}

function connect() {
  const source = new EventSource("/api/stream");
  source.onopen = () => { streamLabel.textContent = "live"; };
  source.onerror = () => { streamLabel.textContent = "reconnecting…"; };
  source.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.type !== "status_update") return;
    rows.set(key(message.account, message.checkType), { account: message.account, checkType: message.checkType, ...message.data });
    render();
  };
}

loadStatus().finally(connect);
