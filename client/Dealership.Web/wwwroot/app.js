// The staff app's two pieces of browser plumbing that Blazor has no API for: the store's live feed (EventSource) and
// saving a download the app fetched with the staff token (a plain link cannot send it).
window.dealership = {
  // Opens the feed at a ticketed URL and tells .NET about each event; on a drop, .NET asks for a fresh ticket.
  openFeed(url, receiver) {
    const source = new EventSource(url);
    source.addEventListener("snapshot", () => receiver.invokeMethodAsync("OnSnapshot"));
    source.addEventListener("event", m => receiver.invokeMethodAsync("OnEvent", m.data));
    source.onerror = () => { source.close(); receiver.invokeMethodAsync("OnDropped"); };
    return { close: () => source.close() };
  },

  // Saves a file the app fetched through the API client (the stream carries the staff token's answer, not a link).
  async saveFile(name, type, streamRef) {
    const blob = new Blob([await streamRef.arrayBuffer()], { type });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  },
};
