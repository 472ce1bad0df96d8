/*!
 * Aiguillage — chat web des missions locales (widget à intégrer avec une seule balise <script>).
 *
 *   <script src="https://…/aiguillage-chat.js" data-server="https://bot.example.fr"
 *           data-title="Mission locale" data-color="#1d4f91"></script>
 *
 * Optional attributes: data-privacy-url (privacy page, default: confidentialite.html next to this file),
 * data-socketio-path (default: <server path>/socket.io), data-open="true" (open on load),
 * data-launcher (text of the launcher button), data-start (first message of a conversation, "/greet").
 *
 * Everything is built with createElement/textContent: nothing the user or the bot writes is ever
 * parsed as HTML. The widget lives in a shadow root so the host site's CSS cannot break it (and ours
 * cannot leak into the host site).
 */
(function () {
  "use strict";

  if (window.AiguillageChat) return; // the tag was included twice: one widget is enough

  var script = document.currentScript || document.querySelector("script[src*='aiguillage-chat.js']");
  if (!script) return;

  // ------------------------------------------------------------------ configuration

  var BASE = new URL(".", script.src).href;
  var DEFAULT_COLOR = "#1d4f91";
  var SESSION_TIMEOUT_MS = 60 * 60 * 1000; // Rasa's session_expiration_time: 60 minutes
  var REPLY_TIMEOUT_MS = 30000;
  var OFFER_MAX_CHARS = 160;

  function attr(name, fallback) {
    var value = script.getAttribute("data-" + name);
    return value === null || value.trim() === "" ? fallback : value.trim();
  }

  var config = {
    server: attr("server", "http://localhost:5005").replace(/\/+$/, ""),
    title: attr("title", "Mission locale"),
    color: readableColor(attr("color", DEFAULT_COLOR)),
    privacyUrl: attr("privacy-url", BASE + "confidentialite.html"),
    socketPath: attr("socketio-path", null),
    open: attr("open", "false") === "true",
    launcher: attr("launcher", "Discuter avec l'assistant"),
    start: attr("start", "/greet")
  };

  var serverUrl;
  try {
    serverUrl = new URL(config.server, window.location.href);
  } catch (e) {
    serverUrl = new URL("http://localhost:5005");
  }
  var STORE_KEY = "aiguillage-chat:" + serverUrl.origin + serverUrl.pathname.replace(/\/+$/, "");

  // ------------------------------------------------------------------ colours (contrast ≥ 4.5:1 on white)

  function parseHex(value) {
    var m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value || "");
    if (!m) return null;
    var hex = m[1].length === 3 ? m[1].replace(/(.)/g, "$1$1") : m[1];
    return [0, 2, 4].map(function (i) { return parseInt(hex.substr(i, 2), 16); });
  }

  function luminance(rgb) {
    var c = rgb.map(function (v) {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }

  function toHex(rgb) {
    return "#" + rgb.map(function (v) { return ("0" + Math.round(v).toString(16)).slice(-2); }).join("");
  }

  // The colour carries white text (header, user's messages) and is text on white (buttons): a light
  // brand colour is darkened until both read at 4.5:1, rather than trusting each site's choice.
  function readableColor(value) {
    var rgb = parseHex(value) || parseHex(DEFAULT_COLOR);
    for (var i = 0; i < 40 && (1.05 / (luminance(rgb) + 0.05)) < 4.5; i++) {
      rgb = rgb.map(function (v) { return v * 0.9; });
    }
    return toHex(rgb);
  }

  // ------------------------------------------------------------------ storage (never fatal)

  function storage(kind) {
    try {
      var s = window[kind];
      s.setItem(STORE_KEY + ":test", "1");
      s.removeItem(STORE_KEY + ":test");
      return s;
    } catch (e) {
      var memory = {};
      return {
        getItem: function (k) { return Object.prototype.hasOwnProperty.call(memory, k) ? memory[k] : null; },
        setItem: function (k, v) { memory[k] = String(v); },
        removeItem: function (k) { delete memory[k]; }
      };
    }
  }

  var local = storage("localStorage"); // the conversation id (and when it was last used), nothing else
  var tab = storage("sessionStorage"); // what is shown, so a reload keeps it; gone when the tab closes

  function readJson(store, key) {
    try { return JSON.parse(store.getItem(key) || "null"); } catch (e) { return null; }
  }

  function writeJson(store, key, value) {
    try { store.setItem(key, JSON.stringify(value)); } catch (e) { /* full or refused: keep going */ }
  }

  function newId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  // ------------------------------------------------------------------ state

  var state = {
    sessionId: null,
    started: false,   // the id is written to localStorage only once the conversation has begun
    last: 0,          // time of the last message, to tell when Rasa has forgotten the conversation
    resumed: false,   // an earlier conversation, whose messages this tab no longer shows
    items: [],        // transcript: {w: "u"|"b", t?, m?}
    pending: [],      // messages not sent yet: {text, hidden}
    awaiting: null,   // last message sent, until the bot's first answer
    socket: null,
    ready: false,     // session_confirm received on the current socket
    offline: false,
    isOpen: false
  };

  function loadState() {
    var saved = readJson(local, STORE_KEY);
    if (saved && typeof saved.id === "string" && /^[0-9a-f]{8,64}$/.test(saved.id) &&
        Date.now() - (saved.last || 0) < SESSION_TIMEOUT_MS) {
      state.sessionId = saved.id;
      state.started = true;
      state.last = saved.last;
    } else {
      local.removeItem(STORE_KEY);
      state.sessionId = newId();
    }
    var shown = readJson(tab, STORE_KEY + ":fil");
    if (shown && shown.id === state.sessionId && Array.isArray(shown.items)) {
      state.items = shown.items.filter(function (item) {
        return item && ((item.w === "u" && typeof item.t === "string") || (item.w === "b" && item.m && item.m.kind));
      });
      state.isOpen = !!shown.open;
      // Messages typed while the assistant was unreachable are still to be sent after a reload.
      state.items.forEach(function (item) {
        if (item.w === "u" && item.pending) state.pending.push({ text: item.x || item.t, item: item });
      });
    } else {
      tab.removeItem(STORE_KEY + ":fil");
    }
    state.resumed = state.started && state.items.length === 0;
  }

  function saveTranscript() {
    writeJson(tab, STORE_KEY + ":fil", { id: state.sessionId, open: state.isOpen, items: state.items.slice(-300) });
  }

  function touchSession() {
    state.started = true;
    state.last = Date.now();
    writeJson(local, STORE_KEY, { id: state.sessionId, last: state.last });
  }

  // ------------------------------------------------------------------ DOM helpers

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function srOnly(text) {
    return el("span", "aig-sr", text);
  }

  function svgIcon(pathData) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", pathData);
    svg.appendChild(path);
    return svg;
  }

  var ICON_CHAT = "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z";
  var ICON_CLOSE = "M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z";

  // ------------------------------------------------------------------ building the widget

  var ui = {};

  function build() {
    var host = el("div");
    host.id = "aiguillage-chat";
    host.style.setProperty("display", "none"); // until our stylesheet is loaded: no unstyled flash
    var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;

    var css = el("link");
    css.rel = "stylesheet";
    css.href = BASE + "aiguillage-chat.css";
    css.addEventListener("load", function () { host.style.removeProperty("display"); });
    css.addEventListener("error", function () { host.style.removeProperty("display"); });
    root.appendChild(css);

    var wrap = el("div", "aig");
    wrap.style.setProperty("--aig-color", config.color);
    root.appendChild(wrap);

    // Launcher
    ui.launcher = el("button", "aig-launcher");
    ui.launcher.type = "button";
    ui.launcher.setAttribute("aria-controls", "aig-panel");
    ui.launcher.setAttribute("aria-expanded", "false");
    ui.launcher.appendChild(svgIcon(ICON_CHAT));
    ui.launcher.appendChild(el("span", null, config.launcher));
    ui.launcher.addEventListener("click", function (event) { open(event); });
    wrap.appendChild(ui.launcher);

    // Panel
    ui.panel = el("section", "aig-panel");
    ui.panel.id = "aig-panel";
    ui.panel.hidden = true;
    ui.panel.tabIndex = -1; // receives the focus after a tap, without opening the phone's keyboard
    ui.panel.setAttribute("aria-labelledby", "aig-title");
    ui.panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); close(); }
    });

    var header = el("div", "aig-header");
    var titles = el("div", "aig-titles");
    var title = el("h2", "aig-title", config.title);
    title.id = "aig-title";
    titles.appendChild(title);
    titles.appendChild(el("p", "aig-subtitle", "Assistant automatique"));
    header.appendChild(titles);

    var tools = el("div", "aig-tools");
    ui.reset = el("button", "aig-tool", "Nouvelle conversation");
    ui.reset.type = "button";
    ui.reset.addEventListener("click", function (event) { newConversation(event); });
    tools.appendChild(ui.reset);
    ui.close = el("button", "aig-tool aig-close");
    ui.close.type = "button";
    ui.close.setAttribute("aria-label", "Fermer la discussion");
    ui.close.appendChild(svgIcon(ICON_CLOSE));
    ui.close.addEventListener("click", close);
    tools.appendChild(ui.close);
    header.appendChild(tools);
    ui.panel.appendChild(header);

    ui.scroller = el("div", "aig-scroller");
    ui.log = el("div", "aig-log");
    ui.log.setAttribute("role", "log");
    ui.log.setAttribute("aria-live", "polite");
    ui.log.setAttribute("aria-relevant", "additions");
    ui.log.setAttribute("aria-label", "Messages de la conversation");
    ui.scroller.appendChild(ui.log);

    ui.typing = el("div", "aig-typing");
    ui.typing.hidden = true;
    ui.typing.setAttribute("aria-hidden", "true");
    var dots = el("span", "aig-dots");
    dots.appendChild(el("span"));
    dots.appendChild(el("span"));
    dots.appendChild(el("span"));
    ui.typing.appendChild(dots);
    ui.typing.appendChild(el("span", "aig-typing-text", "L'assistant écrit…"));
    ui.scroller.appendChild(ui.typing);
    ui.panel.appendChild(ui.scroller);

    ui.alert = el("div", "aig-alert");
    ui.alert.setAttribute("role", "alert");
    ui.panel.appendChild(ui.alert);

    ui.form = el("form", "aig-form");
    ui.form.setAttribute("novalidate", "");
    var label = el("label", "aig-label", "Votre message");
    label.htmlFor = "aig-input";
    ui.form.appendChild(label);
    var row = el("div", "aig-row");
    ui.input = el("input", "aig-input");
    ui.input.id = "aig-input";
    ui.input.type = "text";
    ui.input.name = "message";
    ui.input.maxLength = 1000;
    ui.input.autocomplete = "off";
    ui.input.setAttribute("enterkeyhint", "send");
    ui.input.placeholder = "Par exemple : 19 ans";
    row.appendChild(ui.input);
    var send = el("button", "aig-send", "Envoyer");
    send.type = "submit";
    row.appendChild(send);
    ui.form.appendChild(row);
    ui.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = ui.input.value.trim();
      if (!text) { ui.input.focus(); return; }
      ui.input.value = "";
      sendMessage(text, text);
      ui.input.focus();
    });
    ui.panel.appendChild(ui.form);

    var footer = el("p", "aig-footer");
    var privacy = el("a", "aig-privacy", "Vos données et vos droits");
    privacy.href = safeHref(config.privacyUrl) || BASE + "confidentialite.html";
    privacy.target = "_blank";
    privacy.rel = "noopener";
    privacy.appendChild(srOnly(" (nouvelle fenêtre)"));
    footer.appendChild(privacy);
    footer.appendChild(el("span", null, " · Écrivez « effacer mes données » pour tout supprimer."));
    ui.panel.appendChild(footer);

    wrap.appendChild(ui.panel);
    document.body.appendChild(host);
  }

  // The privacy page is the only configurable link: http(s) or relative, never javascript:.
  function safeHref(value) {
    try {
      var url = new URL(value, window.location.href);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  // ------------------------------------------------------------------ rendering

  function normalise(payload) {
    if (!payload || typeof payload !== "object") return null;
    if (payload.data && typeof payload.data === "object" && payload.text === undefined) payload = payload.data;
    if (payload.type === "suggestion" && payload.card && typeof payload.card === "object") {
      return { kind: "card", index: Number(payload.index) || null, card: payload.card, buttons: buttonsOf(payload.buttons) };
    }
    if (payload.type === "fiche" && typeof payload.texte === "string" && payload.texte.trim()) {
      return { kind: "fiche", text: payload.texte, title: str(payload.titre) || "Fiche de liaison",
               file: /^[a-z0-9\-]{1,80}$/.test(str(payload.nom_fichier)) ? str(payload.nom_fichier) : "fiche-de-liaison" };
    }
    var text = typeof payload.text === "string" ? payload.text : "";
    var buttons = buttonsOf(payload.quick_replies || payload.buttons);
    if (!text.trim() && !buttons.length) return null; // images or unknown attachments: nothing to show
    return { kind: "text", text: text, buttons: buttons };
  }

  function buttonsOf(list) {
    if (!Array.isArray(list)) return [];
    return list.filter(function (b) {
      return b && typeof b.title === "string" && typeof b.payload === "string" && b.title.trim();
    }).map(function (b) { return { title: b.title, payload: b.payload }; });
  }

  function str(value) {
    return typeof value === "string" ? value.trim() : (typeof value === "number" ? String(value) : "");
  }

  // First sentence, cut on a word if still long: the card stays readable on a phone, and
  // « Plus de détails » gives the whole description.
  function shorten(text, limit) {
    text = text.replace(/\s+/g, " ").trim();
    var end = text.search(/[.!?] /);
    if (end > 0) text = text.slice(0, end + 1);
    if (text.length <= limit) return text;
    var cut = text.slice(0, limit - 1);
    var space = cut.lastIndexOf(" ");
    return (space > limit / 2 ? cut.slice(0, space) : cut).replace(/[ ,;:]+$/, "") + "…";
  }

  function renderAll() {
    while (ui.log.firstChild) ui.log.removeChild(ui.log.firstChild);
    var lastUser = -1;
    state.items.forEach(function (item, i) { if (item.w === "u") lastUser = i; });
    state.items.forEach(function (item, i) { render(item, i > lastUser); });
    if (state.resumed) {
      notice("Vous reprenez votre conversation en cours : l'assistant se souvient de vos réponses. " +
             "Pour repartir de zéro, choisissez « Nouvelle conversation ».");
    }
    scrollToEnd();
  }

  function render(item, repliesActive) {
    if (item.w === "u") {
      var userNode = renderUser(item.t, item.pending);
      state.pending.forEach(function (message) { if (message.item === item) message.node = userNode; });
      return userNode;
    }
    var m = item.m;
    if (m.kind === "card") return renderCard(m);
    if (m.kind === "fiche") return renderFiche(m);
    var node = el("div", "aig-msg aig-bot");
    node.appendChild(srOnly("L'assistant : "));
    if (m.text.trim()) node.appendChild(el("span", "aig-text", m.text));
    ui.log.appendChild(node);
    if (m.buttons.length && repliesActive) {
      var group = el("div", "aig-replies");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", "Réponses proposées");
      m.buttons.forEach(function (b) {
        group.appendChild(actionButton(b.title, b.payload, b.title, "aig-reply"));
      });
      ui.log.appendChild(group);
    }
    return node;
  }

  function renderUser(text, pending) {
    var node = el("div", "aig-msg aig-user");
    node.appendChild(srOnly("Vous : "));
    node.appendChild(el("span", "aig-text", text));
    if (pending) node.appendChild(el("span", "aig-pending", "pas encore envoyé"));
    ui.log.appendChild(node);
    return node;
  }

  function notice(text) {
    var node = el("p", "aig-notice", text);
    ui.log.appendChild(node);
    return node;
  }

  function actionButton(title, payload, shown, className, label) {
    var button = el("button", className, title);
    button.type = "button";
    if (label) button.setAttribute("aria-label", label);
    button.addEventListener("click", function (event) {
      sendMessage(payload, shown);
      focusAfter(event); // the clicked quick reply disappears: keep the focus in the chat
    });
    return button;
  }

  function field(parent, labelText, value, className) {
    var p = el("p", className || "aig-field");
    p.appendChild(el("strong", null, labelText + " "));
    p.appendChild(document.createTextNode(value));
    parent.appendChild(p);
  }

  function renderCard(m) {
    var card = m.card;
    var name = str(card.nom) || "Structure";
    var article = el("article", "aig-card");
    var index = m.index ? "Suggestion " + m.index : "Suggestion";
    article.setAttribute("aria-label", index + " : " + name);
    article.appendChild(el("p", "aig-card-index", index));
    article.appendChild(el("h3", "aig-card-title", name));
    if (str(card.porteur) && str(card.porteur) !== name) field(article, "Porté par :", str(card.porteur));
    if (str(card.ou)) field(article, "Où :", str(card.ou));
    if (str(card.offre)) article.appendChild(el("p", "aig-card-offer", shorten(str(card.offre), OFFER_MAX_CHARS)));

    var reasons = Array.isArray(card.pourquoi) ? card.pourquoi.map(str).filter(Boolean) : [];
    if (reasons.length) {
      article.appendChild(el("p", "aig-field aig-strong", "Pourquoi pour vous :"));
      var ul = el("ul", "aig-reasons");
      reasons.forEach(function (r) { ul.appendChild(el("li", null, r)); });
      article.appendChild(ul);
    }

    if (card.historique === true) {
      // An action found in an old guide: no contact (it may be wrong), and say so plainly.
      var note = el("p", "aig-card-note", "Action qui a existé — demandez à votre conseiller si elle existe encore.");
      if (str(card.annee)) note.appendChild(el("span", "aig-card-year", " (Décrite dans un guide de " + str(card.annee) + ".)"));
      article.appendChild(note);
    } else {
      renderContact(article, card.contact && typeof card.contact === "object" ? card.contact : {});
    }

    if (m.buttons.length) {
      var actions = el("div", "aig-card-actions");
      m.buttons.forEach(function (b) {
        actions.appendChild(actionButton(b.title, b.payload, b.title + " : " + name, "aig-reply aig-small", b.title + " — " + name));
      });
      article.appendChild(actions);
    }
    ui.log.appendChild(article);
    return article;
  }

  // ------------------------------------------------------------------ fiche de liaison

  // The fiche is plain text (the same in every channel); here it can also be copied, printed on a clean
  // page of its own, or downloaded as .txt or .html. Its text is only ever inserted as text, never as HTML.
  function renderFiche(m) {
    var node = el("div", "aig-msg aig-bot aig-fiche");
    node.appendChild(srOnly("L'assistant : "));
    node.appendChild(el("span", "aig-text", m.text));
    var actions = el("div", "aig-fiche-actions");
    actions.setAttribute("role", "group");
    actions.setAttribute("aria-label", "Garder la fiche");
    var status = el("p", "aig-fiche-status");
    status.setAttribute("role", "status");
    actions.appendChild(ficheButton("Copier", "Copier la fiche", function () { copyFiche(m, node, status); }));
    actions.appendChild(ficheButton("Imprimer", "Imprimer la fiche", function () { printFiche(m, status); }));
    actions.appendChild(ficheButton("Télécharger", "Télécharger la fiche (texte)", function () {
      download(m.file + ".txt", "text/plain;charset=utf-8", m.text + "\n");
    }));
    actions.appendChild(ficheButton("Télécharger (page web)", "Télécharger la fiche (page web)", function () {
      download(m.file + ".html", "text/html;charset=utf-8", ficheHtml(m));
    }));
    node.appendChild(actions);
    node.appendChild(status);
    ui.log.appendChild(node);
    return node;
  }

  function ficheButton(title, label, onClick) {
    var button = el("button", "aig-reply aig-small", title);
    button.type = "button";
    button.setAttribute("aria-label", label);
    button.addEventListener("click", onClick);
    return button;
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // A page that reads well on paper: the title as a heading, one paragraph per line, no widget around it.
  function ficheHtml(m) {
    var lines = m.text.split("\n");
    var body = lines.slice(1).map(function (line) {
      if (!line.trim()) return "";
      var indented = /^\s/.test(line);
      var heading = !indented && /:$/.test(line.trim()) && !/^- /.test(line);
      return heading ? "<h2>" + escapeHtml(line.trim()) + "</h2>"
                     : "<p" + (indented ? ' class="retrait"' : "") + ">" + escapeHtml(line.trim()) + "</p>";
    }).join("\n");
    return "<!doctype html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>" + escapeHtml(m.title) +
      "</title>\n<style>body{font:12pt/1.45 system-ui,sans-serif;max-width:42em;margin:2em auto;color:#000}" +
      "h1{font-size:16pt}h2{font-size:13pt;margin:1.2em 0 .3em}p{margin:.15em 0}.retrait{margin-left:1.5em}</style>" +
      "</head>\n<body>\n<h1>" + escapeHtml(lines[0] || m.title) + "</h1>\n" + body + "\n</body></html>\n";
  }

  function printFiche(m, status) {
    var win = window.open("", "_blank");
    if (!win) {
      status.textContent = "La fenêtre d'impression a été bloquée : utilisez « Télécharger (page web) », puis imprimez-la.";
      return;
    }
    win.document.open();
    win.document.write(ficheHtml(m));
    win.document.close();
    win.focus();
    win.print();
  }

  function download(name, type, content) {
    var url = URL.createObjectURL(new Blob([content], { type: type }));
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.style.display = "none";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  function copyFiche(m, node, status) {
    function selectText() {  // no clipboard access: select the text so that the person copies it
      var range = document.createRange();
      range.selectNodeContents(node.querySelector(".aig-text"));
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      status.textContent = "Texte sélectionné : copiez-le (Ctrl+C, ou appui long sur un téléphone).";
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(m.text).then(function () {
        status.textContent = "Fiche copiée : vous pouvez la coller dans un message ou un courriel.";
      }, selectText);
    } else {
      selectText();
    }
  }

  function renderContact(article, contact) {
    var list = el("ul", "aig-contact");
    var phone = str(contact.telephone);
    if (phone) list.appendChild(contactItem("Téléphone :", phone, telHref(phone), false));
    var mail = str(contact.courriel);
    if (mail) list.appendChild(contactItem("Courriel :", mail, mailHref(mail), false));
    var site = str(contact.site_web);
    if (site) list.appendChild(contactItem("Site :", site, httpsHref(site), true));
    var address = str(contact.adresse);
    if (address) list.appendChild(contactItem("Adresse :", address, null, false));
    var hours = str(contact.horaires);
    if (hours) list.appendChild(contactItem("Horaires :", hours, null, false));
    if (list.childNodes.length) {
      article.appendChild(el("p", "aig-field aig-strong", "Pour la joindre :"));
      article.appendChild(list);
    } else {
      article.appendChild(el("p", "aig-field", "Le guide ne donne pas de contact : votre conseiller peut vous aider."));
    }
  }

  function contactItem(labelText, text, href, external) {
    var li = el("li");
    li.appendChild(el("span", "aig-contact-label", labelText + " "));
    if (!href) {
      li.appendChild(document.createTextNode(text));
      return li;
    }
    var a = el("a", null, text);
    a.href = href;
    if (external) {
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.appendChild(srOnly(" (nouvelle fenêtre)"));
    }
    li.appendChild(a);
    return li;
  }

  // Links are only ever tel:, mailto: or https:, rebuilt from the card's fields after checking them.
  function telHref(value) {
    var number = value.replace(/[\s.\-()\u00a0]/g, "");
    return /^\+?[0-9]{4,15}$/.test(number) ? "tel:" + number : null;
  }

  function mailHref(value) {
    return /^[A-Za-z0-9._%+\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)+$/.test(value)
      ? "mailto:" + value : null;
  }

  function httpsHref(value) {
    var text = value.replace(/^http:\/\//i, "https://");
    if (!/^https:\/\//i.test(text)) {
      if (!/^[a-z0-9][a-z0-9.\-]*\.[a-z]{2,}(?:[\/?#]\S*)?$/i.test(text)) return null;
      text = "https://" + text;
    }
    try {
      var url = new URL(text);
      if (url.protocol !== "https:" || url.username || url.password || !url.hostname) return null;
      return url.href;
    } catch (e) {
      return null;
    }
  }

  // ------------------------------------------------------------------ scrolling

  var batchStart = null; // first bot element after the user's last message

  function scrollToEnd() {
    ui.scroller.scrollTop = ui.scroller.scrollHeight;
  }

  // A long answer (suggestion cards) is shown from its beginning, not from its last line.
  function scrollForBatch() {
    if (batchStart && batchStart.isConnected) {
      var top = batchStart.offsetTop - 8;
      if (ui.scroller.scrollHeight - top > ui.scroller.clientHeight) {
        ui.scroller.scrollTop = top;
        return;
      }
    }
    scrollToEnd();
  }

  // ------------------------------------------------------------------ typing indicator and alerts

  var typingTimer = null;

  function showTyping() {
    ui.typing.hidden = false;
    ui.log.setAttribute("aria-busy", "true");
    clearTimeout(typingTimer);
    typingTimer = setTimeout(hideTyping, REPLY_TIMEOUT_MS);
    scrollToEnd();
  }

  function hideTyping() {
    clearTimeout(typingTimer);
    ui.typing.hidden = true;
    ui.log.removeAttribute("aria-busy");
  }

  function showOffline() {
    hideTyping();
    if (state.offline) {
      if (ui.retry) retryReady(true);
      return;
    }
    state.offline = true;
    while (ui.alert.firstChild) ui.alert.removeChild(ui.alert.firstChild);
    ui.alert.appendChild(el("p", "aig-alert-title", "Impossible de joindre l'assistant pour le moment."));
    ui.alert.appendChild(el("p", null, state.pending.some(function (p) { return !p.hidden; })
      ? "Votre message n'est pas encore parti. Vérifiez votre connexion internet, puis réessayez."
      : "Vérifiez votre connexion internet, puis réessayez."));
    ui.retry = el("button", "aig-retry", "Réessayer");
    ui.retry.type = "button";
    ui.retry.addEventListener("click", function () {
      if (ui.retry.getAttribute("aria-disabled") === "true") return;
      retryReady(false);
      restart();
    });
    ui.alert.appendChild(ui.retry);
    ui.alert.classList.add("aig-alert-on");
  }

  // aria-disabled rather than disabled: a disabled button would drop the keyboard focus.
  function retryReady(ready) {
    ui.retry.textContent = ready ? "Réessayer" : "Connexion…";
    if (ready) ui.retry.removeAttribute("aria-disabled"); else ui.retry.setAttribute("aria-disabled", "true");
  }

  function hideOffline() {
    if (!state.offline) return;
    var hadFocus = ui.alert.contains(ui.alert.getRootNode().activeElement);
    state.offline = false;
    while (ui.alert.firstChild) ui.alert.removeChild(ui.alert.firstChild);
    ui.alert.classList.remove("aig-alert-on");
    ui.retry = null;
    if (hadFocus) ui.input.focus();
  }

  // ------------------------------------------------------------------ socket.io

  var ioLib = null;
  var ioLoading = null;

  // Our own copy of socket.io, without leaving it in the host page's globals (it may have its own).
  function loadLib(done) {
    if (ioLib) return done(null);
    if (ioLoading) return ioLoading.push(done);
    ioLoading = [done];
    var previousIo = window.io;
    var previousDefine = window.define;
    if (previousDefine && previousDefine.amd) window.define = undefined; // a UMD bundle would not set window.io
    var tag = document.createElement("script");
    tag.src = BASE + "vendor/socket.io.min.js";
    tag.async = true;
    function finish(error) {
      if (!error) ioLib = window.io;
      if (previousDefine && previousDefine.amd) window.define = previousDefine;
      if (previousIo === undefined) { try { delete window.io; } catch (e) { window.io = undefined; } } else { window.io = previousIo; }
      var waiting = ioLoading;
      ioLoading = null;
      if (!ioLib) error = error || new Error("socket.io");
      if (error) tag.remove(); // let a retry load it again
      waiting.forEach(function (cb) { cb(error || null); });
    }
    tag.addEventListener("load", function () { finish(null); });
    tag.addEventListener("error", function () { finish(new Error("socket.io")); });
    document.head.appendChild(tag);
  }

  function connect() {
    if (state.socket) return;
    var marker = {};
    state.socket = marker;
    loadLib(function (error) {
      if (state.socket !== marker) return; // a newer connect() took over meanwhile
      if (error) {
        state.socket = null;
        showOffline();
        return;
      }
      var path = config.socketPath || (serverUrl.pathname.replace(/\/+$/, "") + "/socket.io");
      // websocket only: no cross-origin long-polling requests (and no CORS headers to get right).
      var socket = ioLib(serverUrl.origin, {
        path: path,
        transports: ["websocket"],
        forceNew: true,
        reconnectionDelay: 1000,
        reconnectionDelayMax: 5000,
        timeout: 10000
      });
      state.socket = socket;
      socket.on("connect", function () {
        hideOffline();
        socket.emit("session_request", { session_id: state.sessionId });
      });
      socket.on("session_confirm", function () {
        state.ready = true;
        flush();
      });
      socket.on("bot_uttered", onBotMessage);
      socket.on("connect_error", function () {
        lost();
        showOffline();
      });
      socket.on("disconnect", function (reason) {
        lost();
        if (reason !== "io client disconnect") showOffline();
      });
    });
  }

  function closeSocket() {
    var socket = state.socket;
    state.socket = null;
    state.ready = false;
    if (socket && typeof socket.off === "function") {
      socket.off();
      socket.io.off();
      socket.disconnect();
    }
  }

  function restart() {
    closeSocket();
    connect();
  }

  // The connection dropped: what was sent without an answer is sent again once connected.
  function lost() {
    state.ready = false;
    if (state.awaiting) {
      state.pending.unshift(state.awaiting);
      markPending(state.awaiting, true);
      state.awaiting = null;
    }
    hideTyping();
  }

  function markPending(message, pending) {
    if (!message.node) return;
    var badge = message.node.querySelector(".aig-pending");
    if (pending && !badge) message.node.appendChild(el("span", "aig-pending", "pas encore envoyé"));
    if (!pending && badge) badge.remove();
    if (message.item) {
      if (pending) message.item.pending = true; else delete message.item.pending;
    }
  }

  function flush() {
    while (state.ready && state.pending.length && state.socket && state.socket.connected) {
      emit(state.pending.shift());
    }
    saveTranscript();
  }

  function emit(message) {
    state.socket.emit("user_uttered", { message: message.text, session_id: state.sessionId });
    markPending(message, false);
    state.awaiting = message;
    batchStart = null;
    showTyping();
  }

  function sendMessage(text, shown, hidden) {
    if (!text) return;
    removeQuickReplies();
    var message = { text: text, hidden: !!hidden };
    if (!hidden) {
      if (state.started && state.last && Date.now() - state.last >= SESSION_TIMEOUT_MS) {
        notice("Plus d'une heure sans message : l'assistant a oublié vos réponses précédentes.");
      }
      var item = { w: "u", t: shown };
      if (text !== shown) item.x = text; // the button's payload, to resend it after a reload
      state.items.push(item);
      message.item = item;
      message.node = renderUser(shown, false);
      touchSession();
      scrollToEnd();
    }
    state.pending.push(message);
    flush();
    if (state.pending.indexOf(message) !== -1) {
      markPending(message, true);
      if (!state.socket) connect();
    }
    saveTranscript();
  }

  function removeQuickReplies() {
    var groups = ui.log.querySelectorAll(".aig-replies");
    Array.prototype.forEach.call(groups, function (g) { g.remove(); });
  }

  function onBotMessage(payload) {
    var m = normalise(payload);
    if (!m) return;
    state.awaiting = null;
    hideTyping();
    touchSession();
    if (state.resumed) state.resumed = false;
    var item = { w: "b", m: m };
    state.items.push(item);
    var node = render(item, true);
    if (!batchStart) batchStart = node;
    saveTranscript();
    scrollForBatch();
  }

  // ------------------------------------------------------------------ open, close, new conversation

  // Keyboard users land in the input; after a tap the focus stays in the panel but the phone's
  // keyboard does not pop up over the bot's buttons. (A keyboard-activated click has detail 0.)
  function focusAfter(event) {
    if (!event || event.detail === 0) ui.input.focus();
    else ui.panel.focus({ preventScroll: true });
  }

  function open(event, quiet) {
    if (ui.panel.hidden) {
      state.isOpen = true;
      ui.panel.hidden = false;
      ui.launcher.hidden = true;
      ui.launcher.setAttribute("aria-expanded", "true");
      saveTranscript();
    }
    startIfNeeded();
    connect();
    scrollToEnd();
    if (!quiet) focusAfter(event);
  }

  function close() {
    state.isOpen = false;
    ui.panel.hidden = true;
    ui.launcher.hidden = false;
    ui.launcher.setAttribute("aria-expanded", "false");
    saveTranscript();
    ui.launcher.focus();
  }

  // A brand-new conversation opens with the bot's welcome (its buttons are the first choices).
  function startIfNeeded() {
    if (!state.started && !state.items.length && !state.pending.length && !state.awaiting && config.start) {
      sendMessage(config.start, null, true);
    }
  }

  function newConversation(event) {
    closeSocket();
    hideTyping();
    hideOffline();
    local.removeItem(STORE_KEY);
    tab.removeItem(STORE_KEY + ":fil");
    state.sessionId = newId();
    state.started = false;
    state.resumed = false;
    state.items = [];
    state.pending = [];
    state.awaiting = null;
    batchStart = null;
    while (ui.log.firstChild) ui.log.removeChild(ui.log.firstChild);
    notice("Nouvelle conversation : l'assistant ne connaît plus vos réponses précédentes.");
    startIfNeeded();
    connect();
    focusAfter(event);
  }

  // ------------------------------------------------------------------ start

  function init() {
    loadState();
    build();
    renderAll();
    window.addEventListener("online", function () { if (state.offline) restart(); });
    // Any element of the host page with data-aiguillage-open opens the chat (no script needed there).
    document.addEventListener("click", function (event) {
      var target = event.target && event.target.closest ? event.target.closest("[data-aiguillage-open]") : null;
      if (target) { event.preventDefault(); open(event); }
    });
    if (state.isOpen || config.open) open(null, true); // on page load the focus stays where the page put it
    // A small API for the host page (e.g. a « Discuter » link elsewhere on the site).
    window.AiguillageChat = {
      open: function () { open(); },
      close: close,
      newConversation: newConversation,
      sessionId: function () { return state.sessionId; }
    };
  }

  window.AiguillageChat = { pending: true };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
