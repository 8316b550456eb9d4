export const id = 214;
export const ids = [214];
export const modules = {

/***/ 2214:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   describeYamlFault: () => (/* binding */ describeYamlFault),
/* harmony export */   lineOfPath: () => (/* binding */ lineOfPath)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);

/**
 * Lines for the messages about a refused policy, from the `yaml` library's
 * source positions. Loaded only when a policy is refused: reading a good one
 * needs no positions (policy.ts).
 */
function parse(text) {
    const lines = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    return { doc: (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true }), lines };
}
/** The line of the key at `path`; for a missing key, the line of its nearest existing parent; null for the document itself. */
function lineOfPath(text, path) {
    const { doc, lines } = parse(text);
    for (let depth = path.length; depth > 0; depth--) {
        const offset = findKeyNode(doc, path.slice(0, depth))?.range?.[0];
        if (offset !== undefined)
            return lines.linePos(offset).line;
    }
    return null;
}
/** `file:line: invalid YAML: …` with `yaml`'s first error, as gate-checks has always said it; js-yaml's reason where `yaml` finds none. */
function describeYamlFault(text, file, fault) {
    const { doc, lines } = parse(text);
    const first = doc.errors[0];
    const line = first === undefined ? fault.line : lines.linePos(first.pos[0]).line;
    const message = first === undefined ? fault.reason : first.message;
    return `${file}${line ? `:${line}` : ''}: invalid YAML: ${message.split('\n')[0]}`;
}
function findKeyNode(doc, path) {
    if (path.length === 0)
        return undefined;
    const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
    const last = path[path.length - 1];
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(parent)) {
        const pair = parent.items.find((item) => item.key?.value === last);
        return pair?.key ?? undefined;
    }
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(parent) && typeof last === 'number')
        return parent.items[last];
    return undefined;
}


/***/ })

};
