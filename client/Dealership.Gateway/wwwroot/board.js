// Showroom board: a wall screen opens board.html?store=<id>&board=<board token>;
// staff open board.html and sign in (their token stays in memory only, and buys one-minute stream tickets).
"use strict";

const params = new URLSearchParams(location.search);
const statusNames = {
  Available: "空闲 Available", WithCustomer: "接待中 With customer", OnTestDrive: "试驾中 On test drive",
  Delivering: "交车中 Delivering", Away: "离开 Away",
};
const vehicleNames = {
  Ordered: "已订购 Ordered", InTransit: "在途 In transit", InStock: "在库 In stock", Reserved: "已配车 Reserved",
  Sold: "已售 Sold", Delivered: "已交车 Delivered", TransferredOut: "已调出 Transferred",
};

let store = params.get("store");
let staffToken = null;
let source = null;
let consultants = new Map();
let vehicles = {};

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

// The server writes times with the store's own offset (+08:00 for Asia/Shanghai): show the store's wall-clock time.
function localTime(iso) {
  return iso ? iso.substring(11, 16) : "";
}

function setConnection(live, text) {
  const badge = document.getElementById("connection");
  badge.className = live ? "live" : "offline";
  badge.textContent = text;
}

function renderConsultants() {
  const list = document.getElementById("consultants");
  list.replaceChildren(...[...consultants.values()]
    .sort((a, b) => a.displayName.localeCompare(b.displayName))
    .map(c => {
      const card = el("li", { "data-staff": c.staffId, "data-status": c.status });
      card.append(el("span", { class: "name" }, c.displayName), el("span", { class: "state" }, statusNames[c.status] || c.status),
        el("span", { class: "since" }, " · " + localTime(c.statusSince)));
      return card;
    }));
}

function renderVehicles() {
  const list = document.getElementById("vehicles");
  list.replaceChildren(...Object.keys(vehicleNames).filter(s => vehicles[s]).map(s => {
    const item = el("li", { "data-status": s });
    item.append(el("b", {}, String(vehicles[s])), vehicleNames[s]);
    return item;
  }));
}

function addEvent(e) {
  const list = document.getElementById("events");
  list.prepend(el("li", {}, `${localTime(e.at)} ${e.summary}`));
  while (list.children.length > 12) list.lastChild.remove();
}

function onSnapshot(snapshot) {
  if (snapshot.storeName) document.getElementById("store-name").textContent = snapshot.storeName;
  consultants = new Map(snapshot.consultants.map(c => [c.staffId, c]));
  vehicles = { ...snapshot.vehiclesByStatus };
  renderConsultants();
  renderVehicles();
}

function onEvent(e) {
  if (e.kind === "consultant-status") {
    const d = e.data;
    if (d.active === "false") consultants.delete(d.staffId);
    else consultants.set(d.staffId, { staffId: d.staffId, displayName: d.displayName, status: d.status, statusSince: e.at });
    renderConsultants();
  } else if (e.kind === "vehicle-status") {
    const d = e.data;
    if (d.from) vehicles[d.from] = Math.max(0, (vehicles[d.from] || 0) - 1);
    vehicles[d.status] = (vehicles[d.status] || 0) + 1;
    renderVehicles();
  }
  addEvent(e);
}

async function streamUrl() {
  if (params.get("board")) {
    return `/api/stores/${encodeURIComponent(store)}/events?board=${encodeURIComponent(params.get("board"))}`;
  }
  const response = await fetch(`/api/stores/${encodeURIComponent(store)}/events/ticket`, {
    method: "POST", headers: { authorization: `Bearer ${staffToken}` },
  });
  if (!response.ok) throw new Error((await response.json()).detail || response.statusText);
  return (await response.json()).eventsUrl;
}

async function connect() {
  if (source) source.close();
  setConnection(false, "connecting…");
  let url;
  try {
    url = await streamUrl();
  } catch (error) {
    setConnection(false, "offline: " + error.message);
    setTimeout(connect, 5000);
    return;
  }
  source = new EventSource(url);
  source.addEventListener("snapshot", m => { onSnapshot(JSON.parse(m.data)); setConnection(true, "live"); });
  source.addEventListener("event", m => onEvent(JSON.parse(m.data)));
  source.addEventListener("heartbeat", () => setConnection(true, "live"));
  // Tickets last a minute, so a dropped stream reconnects with a new one (EventSource would retry the old URL).
  source.onerror = () => { source.close(); setConnection(false, "reconnecting…"); setTimeout(connect, 2000); };
}

function showBoard() {
  document.getElementById("sign-in").hidden = true;
  document.getElementById("board").hidden = false;
  connect();
}

document.getElementById("sign-in").addEventListener("submit", async event => {
  event.preventDefault();
  const form = new FormData(event.target);
  const error = document.getElementById("sign-in-error");
  error.textContent = "";
  const response = await fetch("/api/auth/token", {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: form.get("username"), password: form.get("password") }),
  });
  const body = await response.json();
  if (!response.ok) { error.textContent = body.detail || "Sign-in failed"; return; }
  staffToken = body.accessToken;
  store = form.get("store") || body.staff.storeIds[0];
  showBoard();
});

setInterval(() => { document.getElementById("clock").textContent = new Date().toLocaleTimeString("zh-CN"); }, 1000);

if (store && params.get("board")) {
  showBoard();
} else {
  const form = document.getElementById("sign-in");
  form.hidden = false;
  if (store) form.elements.store.value = store;
}
