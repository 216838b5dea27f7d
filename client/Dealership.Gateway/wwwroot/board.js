// Showroom board: consultants' status, cars by status and the latest changes (board-feed.js connects it).
"use strict";

const statusNames = {
  Available: "空闲 Available", WithCustomer: "接待中 With customer", OnTestDrive: "试驾中 On test drive",
  Delivering: "交车中 Delivering", Away: "离开 Away",
};
const vehicleNames = {
  Ordered: "已订购 Ordered", InTransit: "在途 In transit", InStock: "在库 In stock", Reserved: "已配车 Reserved",
  Sold: "已售 Sold", Delivered: "已交车 Delivered", TransferredOut: "已调出 Transferred",
};

let consultants = new Map();
let vehicles = {};

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

startBoard({ onSnapshot, onEvent });
