package dev.payrail.idempotency;

/** What claiming a key found. */
public record Claim(State state, String fingerprint, StoredResponse response, boolean viaDatabase) {

    public enum State {
        /** The key is ours: run the request. */
        CLAIMED,
        /** A request with this key is still running. */
        IN_PROGRESS,
        /** A request with this key finished: {@link #response()} is its answer. */
        COMPLETED
    }

    static Claim claimed(boolean viaDatabase) {
        return new Claim(State.CLAIMED, null, null, viaDatabase);
    }
}
