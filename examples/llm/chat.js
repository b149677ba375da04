// Browser side of the chat recipe: POST a prompt, read the answer as it streams.
// EventSource can only send a GET without a body, so this uses fetch() and reads
// response.body with a stream reader. Aborting the fetch closes the connection,
// which is how the server learns to stop the model. There is no automatic
// reconnection: after an error, the user (or your code) sends the prompt again.

/**
 * Stream the answer to `prompt` from `url` (e.g. "/chat/stream").
 * Calls onToken(text) for each piece; resolves when the answer is complete.
 * Pass an AbortSignal to stop early (a "Stop" button calls controller.abort()).
 */
export async function streamChat(url, prompt, { apiKey, onToken, signal }) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ prompt }),
    signal,
  });
  if (!response.ok) {
    const { error } = await response.json();
    throw new Error(`${response.status}: ${error}`);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error("the stream ended before the answer was complete");
    buffer += value.replaceAll("\r\n", "\n");
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const event = parseEvent(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (event.type === "token") onToken(JSON.parse(event.data));
      else if (event.type === "done") return;
      else if (event.type === "error") throw new Error(JSON.parse(event.data).error);
    }
  }
}

// One event block of the text/event-stream format: "event:" and "data:" lines.
// Comment lines (": ping") and unknown fields are skipped.
export function parseEvent(block) {
  const event = { type: "message", data: "" };
  for (const line of block.split("\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const field = line.slice(0, colon);
    const value = line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") event.type = value;
    else if (field === "data") event.data += (event.data ? "\n" : "") + value;
  }
  return event;
}
