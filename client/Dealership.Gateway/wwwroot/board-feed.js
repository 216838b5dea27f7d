// What every wall board shares: the store's live feed (a snapshot on each (re)connect, then events), its connection badge and
// clock, and how the board gets in: a wall screen opens <board>.html?store=<id>&board=<board token>; staff sign in instead (their
// token stays in memory only, and buys one-minute stream tickets).
"use strict";

const boardParams = new URLSearchParams(location.search);

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

// The store's offset from UTC in minutes, read from the last snapshot's time; the screen's own until the first snapshot.
let storeOffsetMinutes = null;

// The store's wall clock now, as an ISO-like "yyyy-MM-ddTHH:mm:ss" (whatever zone the screen's browser is set to).
function storeNow() {
  const offset = storeOffsetMinutes ?? -new Date().getTimezoneOffset();
  return new Date(Date.now() + offset * 60000).toISOString().substring(0, 19);
}

function offsetOf(iso) {
  const m = /([+-])(\d\d):(\d\d)$/.exec(iso || "");
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : (iso && iso.endsWith("Z") ? 0 : null);
}

// The staff sign-in every board offers when it has no board token.
const signInForm = `
  <h2>登录 Sign in</h2>
  <label>Store <input name="store" autocomplete="off" placeholder="your store"></label>
  <label>Username <input name="username" autocomplete="username" required></label>
  <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
  <button type="submit">Show the board</button>
  <p id="sign-in-error" role="alert"></p>`;

// Starts the board: onSnapshot(snapshot) on every (re)connect, onEvent(event) for each change after it.
function startBoard({ onSnapshot, onEvent }) {
  document.getElementById("sign-in").innerHTML = signInForm;
  let store = boardParams.get("store");
  let staffToken = null;
  let source = null;

  function setConnection(live, text) {
    const badge = document.getElementById("connection");
    badge.className = live ? "live" : "offline";
    badge.textContent = text;
  }

  async function streamUrl() {
    if (boardParams.get("board")) {
      return `/api/stores/${encodeURIComponent(store)}/events?board=${encodeURIComponent(boardParams.get("board"))}`;
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
    source.addEventListener("snapshot", m => {
      const snapshot = JSON.parse(m.data);
      if (snapshot.storeName) document.getElementById("store-name").textContent = snapshot.storeName;
      storeOffsetMinutes = offsetOf(snapshot.takenAt) ?? storeOffsetMinutes;
      onSnapshot(snapshot);
      setConnection(true, "live");
    });
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

  setInterval(() => { document.getElementById("clock").textContent = storeNow().substring(11, 19); }, 1000);

  if (store && boardParams.get("board")) {
    showBoard();
  } else {
    const form = document.getElementById("sign-in");
    form.hidden = false;
    if (store) form.elements.store.value = store;
  }
}
