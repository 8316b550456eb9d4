export const id = 360;
export const ids = [360];
export const modules = {

/***/ 6360:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   startStaticServer: () => (/* binding */ startStaticServer)
/* harmony export */ });
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var compression__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5410);
/* harmony import */ var serve_static__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6004);
/* harmony import */ var _static_site_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9038);




async function startStaticServer(dir, singlePageApplication) {
    const files = serve_static__WEBPACK_IMPORTED_MODULE_2__(dir);
    const gzip = compression__WEBPACK_IMPORTED_MODULE_1__();
    const notFound = (request, response) => {
        response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end(`Cannot ${request.method ?? 'GET'} ${new URL(request.url ?? '/', 'http://x').pathname}`);
    };
    const server = (0,node_http__WEBPACK_IMPORTED_MODULE_0__.createServer)((request, response) => {
        const original = request.url ?? '/';
        gzip(request, response, () => {
            files(request, response, () => {
                // express.static mounted at /app too: the same files under that prefix.
                const underApp = /^\/app(\/|$|\?)/.exec(original);
                const fallback = () => {
                    if (!singlePageApplication)
                        return notFound(request, response);
                    request.url = '/index.html';
                    files(request, response, () => notFound(request, response));
                };
                if (!underApp)
                    return fallback();
                request.url = original.slice('/app'.length) || '/';
                if (!request.url.startsWith('/'))
                    request.url = `/${request.url}`;
                files(request, response, fallback);
            });
        });
    });
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address();
    return {
        port,
        origin: `http://${_static_site_js__WEBPACK_IMPORTED_MODULE_3__/* .STATIC_HOST */ .K5}:${port}`,
        close: () => new Promise((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
        }),
    };
}


/***/ })

};
