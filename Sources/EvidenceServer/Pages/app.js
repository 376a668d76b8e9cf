// Placeholder: the page script (the `web` helper replaces it). Fills data-t elements from strings.json.
(async () => {
  const lang = document.documentElement.lang === "en" ? "en" : "zh";
  const strings = await (await fetch("/assets/strings.json")).json();
  for (const node of document.querySelectorAll("[data-t]")) {
    const entry = strings[node.dataset.t];
    if (entry && entry[lang]) node.textContent = entry[lang];
  }
})();
