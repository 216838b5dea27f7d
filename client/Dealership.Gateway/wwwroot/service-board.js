// Service board, for the customer lounge: every car in the workshop by its masked plate, where its work stands and when it was
// promised (board-feed.js connects it). A car leaves the board when it is handed back, closed or cancelled.
"use strict";

const stageNames = {
  Open: "已接车 Checked in", Estimated: "待确认报价 Awaiting approval", Approved: "待维修 Waiting for a bay",
  InProgress: "维修中 In repair", WaitingForParts: "等待配件 Waiting for parts", QualityCheck: "质检中 Quality check",
  Washed: "洗车完成 Washed", Ready: "可取车 Ready for collection",
};

let cars = new Map();

// Promised first (soonest at the top), then by arrival: the order the advisors work to.
function byPromise(a, b) {
  if (a.promisedAt && b.promisedAt) return a.promisedAt.localeCompare(b.promisedAt) || a.openedAt.localeCompare(b.openedAt);
  if (a.promisedAt || b.promisedAt) return a.promisedAt ? -1 : 1;
  return a.openedAt.localeCompare(b.openedAt) || a.repairOrderId.localeCompare(b.repairOrderId);
}

// Today's promises by the time alone; another day's with its date.
function promised(iso) {
  if (!iso) return "";
  return iso.substring(0, 10) === storeNow().substring(0, 10) ? localTime(iso) : `${iso.substring(5, 10)} ${localTime(iso)}`;
}

function render() {
  const rows = [...cars.values()].sort(byPromise).map(c => {
    const row = el("tr", { "data-repair-order": c.repairOrderId, "data-status": c.status });
    row.append(el("td", { class: "plate" }, c.maskedPlate || "—"), el("td", { class: "stage" }, stageNames[c.status] || c.status),
      el("td", { class: "promised" }, promised(c.promisedAt)));
    return row;
  });
  document.querySelector("#workshop tbody").replaceChildren(...rows);
  document.getElementById("workshop-empty").hidden = rows.length > 0;
  const counts = {};
  for (const c of cars.values()) counts[c.status] = (counts[c.status] || 0) + 1;
  document.getElementById("stages").replaceChildren(...Object.keys(stageNames).filter(s => counts[s]).map(s => {
    const item = el("li", { "data-status": s });
    item.append(el("b", {}, String(counts[s])), stageNames[s]);
    return item;
  }));
}

function onSnapshot(snapshot) {
  cars = new Map((snapshot.workshop || []).map(c => [c.repairOrderId, c]));
  render();
}

function onEvent(e) {
  if (e.kind !== "repair-order") return;
  const d = e.data;
  if (!(d.status in stageNames)) {
    cars.delete(d.repairOrderId);
  } else {
    cars.set(d.repairOrderId, {
      repairOrderId: d.repairOrderId, status: d.status, maskedPlate: d.maskedPlate || null,
      openedAt: d.openedAt || e.at, promisedAt: d.promisedAt || null,
    });
  }
  render();
}

startBoard({ onSnapshot, onEvent });
