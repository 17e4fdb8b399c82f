package dev.payrail.connector.pagadito;

import dev.payrail.connector.CallReach;

/**
 * One POST to Pagadito's APIPG. Never printed with its form: it carries the {@code wsk} or a
 * connection token.
 *
 * @param repeatable whether it may be resent after an ambiguous failure: connect and get_status
 *                   create nothing a payer could pay; exec_trans registers a transaction and is
 *                   never resent once it may have left
 */
record PagaditoCall(String operation, String form, boolean repeatable, CallReach reach) {

    static PagaditoCall connect(String form) {
        return new PagaditoCall("connect", form, true, new CallReach());
    }

    static PagaditoCall execTrans(String form) {
        return new PagaditoCall("exec_trans", form, false, new CallReach());
    }

    static PagaditoCall getStatus(String form) {
        return new PagaditoCall("get_status", form, true, new CallReach());
    }

    @Override
    public String toString() {
        return "PagaditoCall[" + operation + "]";
    }
}
