import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';

// A loopback proxy in front of the simulator, for what its fault knobs cannot do: revoke the token in the
// middle of a run, and rewrite answers (extra fields in envelopes and pagination).

export type Proxy = {
	/** The API root through the proxy. */
	url: string;
	/** From now on every request is answered 401, as Census does for a revoked token. */
	revoke(): void;
	/** Requests that reached the proxy, with the status it answered. */
	hits: Array<{at: number; path: string; status: number}>;
	close(): Promise<void>;
};

export type ProxyOptions = {
	/** The simulator's API root. */
	target: string;
	/** Changes a JSON answer on its way back. */
	rewrite?: (path: string, body: unknown) => unknown;
};

async function readAll(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

export async function startProxy({target, rewrite}: ProxyOptions): Promise<Proxy> {
	const origin = new URL(target).origin;
	const apiPath = new URL(target).pathname;
	let revoked = false;
	const hits: Proxy['hits'] = [];

	async function forward(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const path = request.url ?? '/';
		const body = await readAll(request);
		if (revoked) {
			hits.push({at: Date.now(), path, status: 401});
			response.writeHead(401, {'content-type': 'application/json'});
			response.end(JSON.stringify({status: 'error', message: 'Unauthorized'}));
			return;
		}

		const upstream = await fetch(`${origin}${path}`, {
			method: request.method,
			headers: {authorization: request.headers.authorization ?? '', accept: 'application/json'},
			body: body.length > 0 ? body : undefined,
		});
		let text = await upstream.text();
		if (rewrite !== undefined && upstream.headers.get('content-type')?.includes('json') === true) {
			text = JSON.stringify(rewrite(path.slice(apiPath.length), JSON.parse(text) as unknown));
		}

		hits.push({at: Date.now(), path, status: upstream.status});
		response.writeHead(upstream.status, {'content-type': upstream.headers.get('content-type') ?? 'text/plain'});
		response.end(text);
	}

	const server = createServer((request, response) => {
		forward(request, response).catch(() => {
			response.destroy();
		});
	});
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}${apiPath}`,
		revoke() {
			revoked = true;
		},
		hits,
		close: async () =>
			new Promise(resolve => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
