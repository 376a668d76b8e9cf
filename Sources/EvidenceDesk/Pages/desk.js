// The desk's pages: plain DOM, no framework, nothing inline (CSP default-src 'self').
"use strict";
(function () {
  let strings = {};
  let lang = localStorage.getItem("desk-lang") || "zh";

  function t(key, values) {
    const entry = strings[key];
    let text = entry ? (entry[lang] || entry.zh) : key;
    for (const name in values || {}) text = text.replace("{" + name + "}", values[name]);
    return text;
  }

  function translate() {
    document.documentElement.lang = lang === "zh" ? "zh" : "en";
    document.title = t("title");
    for (const element of document.querySelectorAll("[data-t]")) element.textContent = t(element.dataset.t);
    for (const element of document.querySelectorAll("[data-t-placeholder]")) element.placeholder = t(element.dataset.tPlaceholder);
    const button = document.getElementById("lang");
    if (button) button.textContent = t("lang.switch");
  }

  function el(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const name in attributes || {}) {
      if (name === "text") node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    }
    for (const child of children || []) node.append(child);
    return node;
  }

  async function api(path, options) {
    const response = await fetch(path, Object.assign({ credentials: "same-origin" }, options || {}));
    if (response.status === 401) { location.href = "/signin"; throw new Error("401"); }
    const type = response.headers.get("Content-Type") || "";
    const body = type.includes("json") ? await response.json() : await response.text();
    if (!response.ok) {
      const error = body && body.error ? (lang === "zh" ? body.error.message_zh : body.error.message_en) : String(response.status);
      throw new Error(error);
    }
    return body;
  }

  function statusCell(status) {
    return el("span", { class: "status-" + status, text: t("status." + status) });
  }

  // Sign-in
  function signin() {
    if (new URLSearchParams(location.search).get("failed")) document.getElementById("failed").hidden = false;
  }

  async function me() {
    const user = await api("/api/v1/me");
    const node = document.getElementById("me");
    if (node) node.textContent = t("me") + user.name;
  }

  // Queue
  let offset = 0;
  const limit = 50;

  function filterQuery() {
    const form = document.getElementById("filters");
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (value) query.set(name, value);
    return query;
  }

  async function loadQueue() {
    const query = filterQuery();
    document.getElementById("csv").href = "/api/v1/bundles.csv?" + query.toString();
    query.set("limit", limit);
    query.set("offset", offset);
    const page = await api("/api/v1/bundles?" + query.toString());
    const body = document.querySelector("#queue tbody");
    body.replaceChildren();
    for (const bundle of page.bundles) {
      const link = el("a", { href: "/cases/" + encodeURIComponent(bundle.id), class: "case-link", text: bundle.order_number || bundle.id.slice(0, 8) });
      body.append(el("tr", { "data-id": bundle.id }, [
        el("td", { text: bundle.received_at.replace("T", " ").slice(0, 19) }),
        el("td", { text: bundle.source }),
        el("td", {}, [link]),
        el("td", { text: bundle.shop || "" }),
        el("td", { text: bundle.category || "" }),
        el("td", {}, [statusCell(bundle.status)]),
        el("td", { class: "decision", text: bundle.decision ? t("decision." + bundle.decision) : "" }),
      ]));
    }
    document.getElementById("total").textContent = page.total ? t("queue.total", { n: page.total }) : t("queue.empty");
    document.getElementById("prev").disabled = offset === 0;
    document.getElementById("next").disabled = offset + limit >= page.total;
  }

  function bundleType(file) {
    const name = file.name.toLowerCase();
    if (name.endsWith(".zip")) return "application/zip";
    if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) return "application/gzip";
    return null;
  }

  async function upload(event) {
    event.preventDefault();
    const file = document.getElementById("upload-file").files[0];
    const result = document.getElementById("upload-result");
    if (!file) return;
    const type = bundleType(file);
    if (!type) { result.textContent = t("upload.type"); return; }
    result.textContent = t("upload.sending");
    try {
      const record = await api("/api/v1/bundles", { method: "POST", headers: { "Content-Type": type }, body: file });
      result.replaceChildren(record.duplicate_of ? t("upload.duplicate") : t("upload.filed"),
        el("a", { href: "/cases/" + record.id, text: (record.order_number || record.id) + " · " + t("status." + record.status) }));
      offset = 0;
      await loadQueue();
    } catch (error) {
      result.textContent = t("error.network") + error.message;
    }
  }

  function queue() {
    document.getElementById("filters").addEventListener("submit", (event) => { event.preventDefault(); offset = 0; loadQueue(); });
    document.getElementById("prev").addEventListener("click", () => { offset = Math.max(0, offset - limit); loadQueue(); });
    document.getElementById("next").addEventListener("click", () => { offset += limit; loadQueue(); });
    document.getElementById("upload").addEventListener("submit", upload);
    loadQueue();
  }

  // Case
  function caseID() { return decodeURIComponent(location.pathname.split("/")[2] || ""); }

  async function loadCase() {
    const id = caseID();
    let data;
    try {
      data = await api("/api/v1/bundles/" + encodeURIComponent(id));
    } catch (error) {
      const node = document.getElementById("case-error");
      node.hidden = false;
      node.textContent = error.message;
      return;
    }
    const b = data.bundle;
    document.getElementById("case-order").textContent = b.order_number || b.id;
    const facts = document.getElementById("case-facts");
    facts.replaceChildren();
    const rows = [["fact.received", b.received_at], ["fact.source", b.source], ["fact.status", statusCell(b.status)],
      ["fact.category", b.category || ""], ["fact.order", b.order_number || ""], ["fact.shop", b.shop || ""],
      ["fact.bag_digest", b.bag_digest || ""], ["fact.sha256", b.sha256], ["fact.seals", (b.seal_times || []).join(", ")],
      ["fact.decision", b.decision ? t("decision." + b.decision) + " · " + b.decided_by : ""]];
    if (b.duplicate_of) rows.push(["case.duplicate", el("a", { href: "/cases/" + b.duplicate_of, text: b.duplicate_of })]);
    for (const [key, value] of rows) facts.append(el("dt", { text: t(key) }), el("dd", { id: "fact-" + key.split(".")[1] }, [value]));
    const problems = document.getElementById("case-problems");
    problems.replaceChildren();
    for (const problem of b.problems) {
      const message = problem.message ? (lang === "zh" ? problem.message.zh : problem.message.en) : "";
      problems.append(el("li", { class: "problem", text: problem.code + (problem.entry ? " · " + problem.entry : "") + (message ? " — " + message : "") }));
    }
    if (!b.problems.length) problems.append(el("li", { text: t("case.no-problems") }));
    const entries = document.getElementById("case-entries");
    entries.replaceChildren();
    for (const entry of data.entries) {
      const url = "/api/v1/bundles/" + encodeURIComponent(b.id) + "/entries/" + entry.path.split("/").map(encodeURIComponent).join("/");
      const box = el("figure", { class: "entry" });
      if (entry.mime_type.startsWith("image/")) box.append(el("img", { src: url, alt: entry.original_name, loading: "lazy" }));
      else if (entry.mime_type.startsWith("text/")) {
        const pre = el("pre", { class: "text-preview" });
        box.append(pre);
        fetch(url, { credentials: "same-origin" }).then((r) => r.text()).then((text) => { pre.textContent = text.slice(0, 20000); });
      }
      box.append(el("figcaption", {}, [entry.role + " · " + entry.original_name + " ", el("a", { href: url, target: "_blank", rel: "noopener", text: t("case.open") })]));
      entries.append(box);
    }
    if (!data.entries.length) entries.append(el("p", { text: t("case.no-evidence") }));
    const history = document.querySelector("#history tbody");
    history.replaceChildren();
    for (const d of data.decisions) {
      history.append(el("tr", {}, [el("td", { text: d.decided_at.replace("T", " ").slice(0, 19) }), el("td", { text: d.user }),
        el("td", { class: "history-decision", text: t("decision." + d.decision) }), el("td", { text: d.note })]));
    }
  }

  function caseView() {
    document.getElementById("decide").addEventListener("submit", async (event) => {
      event.preventDefault();
      const result = document.getElementById("decide-result");
      try {
        await api("/api/v1/bundles/" + encodeURIComponent(caseID()) + "/decisions", {
          method: "POST", headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ decision: document.getElementById("decision").value, note: document.getElementById("note").value }),
        });
        result.textContent = t("decision.recorded");
        document.getElementById("note").value = "";
        await loadCase();
      } catch (error) {
        result.textContent = t("error.network") + error.message;
      }
    });
    loadCase();
  }

  async function start() {
    strings = await (await fetch("/assets/strings.json")).json();
    translate();
    document.getElementById("lang").addEventListener("click", () => {
      lang = lang === "zh" ? "en" : "zh";
      localStorage.setItem("desk-lang", lang);
      translate();
      const page = document.body.dataset.page;
      if (page === "queue") loadQueue();
      if (page === "case") loadCase();
    });
    const page = document.body.dataset.page;
    if (page === "signin") return signin();
    me();
    if (page === "queue") queue();
    if (page === "case") caseView();
  }

  document.addEventListener("DOMContentLoaded", start);
})();
