/**
 * The console's page and style. Its script is browser/app.ts; nothing is loaded from anywhere else, and the
 * Content-Security-Policy the routes send says so.
 */

export const INDEX_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chime SDK Messaging emulator: console</title>
<link rel="stylesheet" href="/_emulator/console/style.css">
<script src="/_emulator/console/app.js" defer></script>
</head>
<body>
<header><h1>Chime SDK Messaging emulator</h1><p id="status">Reading the emulator…</p></header>
<main id="topology"></main>
</body>
</html>
`;

export const STYLE_CSS = `
:root { font-family: system-ui, sans-serif; color: #1d2330; background: #f6f7fb; }
body { margin: 0; }
header { background: #232f3e; color: #fff; padding: 0.6rem 1.2rem; display: flex; align-items: baseline; gap: 1.5rem; }
header h1 { font-size: 1.15rem; margin: 0; }
header p { margin: 0; font-size: 0.85rem; opacity: 0.8; }
main { padding: 1rem 1.2rem; display: grid; gap: 1rem; }
.region > h2 { font-size: 0.95rem; text-transform: uppercase; letter-spacing: 0.05em; color: #5a6275; margin: 0.2rem 0; }
.instance { background: #fff; border: 1px solid #d8dce6; border-radius: 8px; padding: 0.8rem 1rem; }
.instance > h3 { margin: 0 0 0.2rem; font-size: 1.1rem; }
.arn { font-family: ui-monospace, monospace; font-size: 0.72rem; color: #6b7385; word-break: break-all; }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 0.8rem; margin-top: 0.6rem; }
section h4 { margin: 0.2rem 0 0.4rem; font-size: 0.85rem; color: #5a6275; }
ul { margin: 0; padding-left: 1.1rem; }
li { margin: 0.15rem 0; }
.channel { border: 1px solid #e3e6ee; border-radius: 6px; padding: 0.5rem 0.7rem; margin-bottom: 0.5rem; background: #fbfcfe; }
.channel h5 { margin: 0; font-size: 0.95rem; }
.tag { display: inline-block; font-size: 0.7rem; padding: 0 0.35rem; border-radius: 4px; margin-left: 0.3rem; background: #e8ecf5; }
.tag.private { background: #fde8c8; }
.tag.restricted { background: #f9d7d7; }
.tag.hidden { background: #ddd; color: #444; }
.tag.moderator { background: #d6ecd9; }
.tag.banned { background: #7a1f1f; color: #fff; }
.tag.flow { background: #dcd6f7; }
button { font: inherit; font-size: 0.75rem; margin-top: 0.3rem; }
table.messages { border-collapse: collapse; font-size: 0.78rem; margin-top: 0.3rem; width: 100%; }
table.messages td, table.messages th { border-bottom: 1px solid #eceef3; padding: 0.15rem 0.3rem; text-align: left; }
.status-PENDING { color: #9a6700; } .status-DENIED { color: #a11; } .status-SENT { color: #1a7f37; }
.empty { color: #6b7385; font-style: italic; }
`;
