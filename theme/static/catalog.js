/*
 * Community Trust Resources: the catalogue's filters (community_trust/build/catalog.py).
 *
 * The page already holds the full table; this script only narrows and sorts
 * it. It shows the form the build wrote (hidden without JavaScript), hides
 * the rows that do not match, announces "6 of 15 resources" through a
 * status region, sorts by a column header's button, and keeps the choice in
 * the address so that a filtered view can be shared, bookmarked or reloaded,
 * from a web server or a folder alike. The build wrote each row's filter
 * data as JSON, in the order of the table's rows.
 */
(() => {
  "use strict";
  const box = document.querySelector(".ctr-catalog-filters");
  const table = document.querySelector("table.ctr-catalog");
  const source = box && box.querySelector(".ctr-catalog-data");
  if (!table || !source || !table.tBodies.length || !table.tHead) return;
  const data = JSON.parse(source.textContent);
  const body = table.tBodies[0];
  if (body.rows.length !== data.rows.length) return; // table and data disagree: keep the plain table

  const form = box.querySelector("form");
  const count = box.querySelector(".ctr-catalog-count");
  const FIELDS = ["q", "topic", "type", "access", "status", "by", "from", "to"];
  const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const rows = Array.from(body.rows, (row, order) => {
    const record = data.rows[order];
    return { ...record, row, order, words: fold(record.text) };
  });
  const headers = Array.from(table.tHead.rows[0].cells);
  const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
  const sorting = { key: "", descending: false };

  const compare = (key, column) => (a, b) => {
    if (key === "year") {
      // a resource without a known year goes last either way
      if (a.year === null || b.year === null) return (a.year === null) - (b.year === null);
      return (a.year - b.year) * (sorting.descending ? -1 : 1);
    }
    if (key === "added") return a.added.localeCompare(b.added) * (sorting.descending ? -1 : 1);
    const text = (row) => row.row.cells[column].textContent.trim();
    return collator.compare(text(a), text(b)) * (sorting.descending ? -1 : 1);
  };

  const sort = () => {
    const column = sorting.key ? data.columns.indexOf(sorting.key) : -1;
    const active = column >= 0 || sorting.key === "added"; // "added": the form's order, no column
    const order = [...rows].sort((a, b) =>
      (active ? compare(sorting.key, column)(a, b) : 0) || a.order - b.order);
    body.append(...order.map((row) => row.row));
    headers.forEach((header, index) => {
      if (index === column) header.setAttribute("aria-sort", sorting.descending ? "descending" : "ascending");
      else header.removeAttribute("aria-sort");
    });
  };

  const values = () => Object.fromEntries(FIELDS.map((name) => [name, form.elements[name].value.trim()]));

  const matches = (row, wanted, words) => {
    if (wanted.topic && !row.topics.includes(wanted.topic)) return false;
    if (wanted.type && row.type !== wanted.type) return false;
    if (wanted.access && row.access !== wanted.access) return false;
    if (wanted.status && row.status !== wanted.status) return false;
    if (wanted.from || wanted.to) {
      if (row.year === null) return false;
      if (wanted.from && row.year < Number(wanted.from)) return false;
      if (wanted.to && row.year > Number(wanted.to)) return false;
    }
    return words.every((word) => row.words.includes(word));
  };

  const remember = (wanted) => {
    const params = new URLSearchParams();
    FIELDS.forEach((name) => wanted[name] && params.set(name, wanted[name]));
    if (sorting.key) params.set("sort", sorting.key);
    if (sorting.key && sorting.descending) params.set("order", "desc");
    const query = params.toString();
    try {
      history.replaceState(null, "", (query ? `?${query}` : location.pathname) + location.hash);
    } catch (error) {
      // a browser that refuses to change the address still filters
    }
  };

  const apply = () => {
    const wanted = values();
    const words = fold(wanted.q).split(/\s+/).filter(Boolean);
    let shown = 0;
    rows.forEach((row) => {
      row.row.hidden = !matches(row, wanted, words);
      if (!row.row.hidden) shown += 1;
    });
    count.textContent = `${shown} of ${rows.length} resources`;
    if (start) start.disabled = shown === 0;
    remember(wanted);
  };

  // the rows shown, in the table's order, as the start of a training packet page (a download:
  // a Blob, so it works from a folder as from a web server); the template is the build's own
  const start = box.querySelector(".ctr-packet-start");
  const startPacket = () => {
    const packet = data.packet;
    const chosen = Array.from(body.rows).map((row) => rows.find((r) => r.row === row)).filter((r) => !r.row.hidden);
    const items = chosen.map((r) =>
      packet.item.replaceAll("{slug}", r.slug).replaceAll("{label}", r.label)
      + (r.access === "members-only" ? packet.note : ""));
    const file = new Blob([packet.head + items.join("") + packet.tail], { type: "text/markdown;charset=utf-8" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(file);
    link.download = packet.file;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  };
  if (start && data.packet) start.addEventListener("click", startPacket);
  else if (start) start.hidden = true;

  // the state in the address: choices that exist only
  const params = new URLSearchParams(location.search);
  FIELDS.forEach((name) => {
    const field = form.elements[name];
    const value = params.get(name);
    if (value === null) return;
    if (field.tagName === "SELECT" && ![...field.options].some((option) => option.value === value)) return;
    field.value = value;
  });
  if (data.columns.includes(params.get("sort")) && params.get("sort")) {
    sorting.key = params.get("sort");
    sorting.descending = params.get("order") === "desc";
  }

  // a button in each sortable column's header
  headers.forEach((header, index) => {
    const key = data.columns[index];
    if (!key) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "ctr-sort";
    button.textContent = header.textContent.trim();
    const mark = document.createElement("span");
    mark.className = "ctr-sort-mark";
    mark.setAttribute("aria-hidden", "true");
    button.append(mark);
    header.replaceChildren(button);
    button.addEventListener("click", () => {
      sorting.descending = sorting.key === key ? !sorting.descending : false;
      sorting.key = key;
      form.elements.by.value = ""; // a column's order replaces the form's
      sort();
      apply();
    });
  });

  let typing = 0;
  const ordered = () => {
    // "Newest added first": by date added, newest first, titles in table order within a day
    if (form.elements.by.value === "added") Object.assign(sorting, { key: "added", descending: true });
    else if (sorting.key === "added") Object.assign(sorting, { key: "", descending: false });
    sort();
  };
  if (form.elements.by.value === "added") ordered();
  form.addEventListener("change", (event) => { if (event.target.name === "by") ordered(); });
  form.addEventListener("input", (event) => {
    // wait for a pause in typing, so the count is announced once, not per letter
    clearTimeout(typing);
    typing = setTimeout(apply, event.target.name === "q" ? 300 : 0);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => setTimeout(() => { ordered(); apply(); }));
  box.hidden = false;
  sort();
  apply();
})();
