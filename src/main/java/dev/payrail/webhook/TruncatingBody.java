package dev.payrail.webhook;

import java.nio.charset.StandardCharsets;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/**
 * Keeps the first bytes of a receiver's answer for the delivery log and discards the rest as it
 * streams in, so a receiver answering with a huge body cannot fill the dispatcher's memory.
 */
final class TruncatingBody implements WriteStream<Buffer> {

    private final int limit;
    private final Buffer kept = Buffer.buffer();

    TruncatingBody(int limit) {
        this.limit = limit;
    }

    /** The kept bytes as text (a cut multi-byte character becomes a replacement character). */
    String text() {
        return new String(kept.getBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
        int room = limit - kept.length();
        if (room > 0) {
            kept.appendBuffer(data.length() <= room ? data : data.getBuffer(0, room));
        }
        return Future.succeededFuture();
    }

    @Override
    public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
        write(data).onComplete(handler);
    }

    @Override
    public void end(Handler<AsyncResult<Void>> handler) {
        if (handler != null) {
            handler.handle(Future.succeededFuture());
        }
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return false;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
        return this;
    }
}
