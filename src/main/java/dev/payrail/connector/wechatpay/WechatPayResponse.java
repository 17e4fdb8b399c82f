package dev.payrail.connector.wechatpay;

/** WeChat Pay's answer: status, raw body, and its error {@code code} when it is an error object. */
record WechatPayResponse(int status, String body, String code, String message) {

    boolean ok() {
        return status >= 200 && status < 300;
    }

    boolean is(String... codes) {
        for (String c : codes) {
            if (c.equals(code)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "WechatPayResponse[" + status + " " + code + "]";
    }
}
