package dev.payrail.checkout;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The checkout page's texts in English; translations in {@code messages/checkout_<lang>.properties}
 * (es, zh, hi). Templates use them as {@code {checkout:…}}; the page script gets {@link CheckoutLocale#scriptMessages}.
 */
@MessageBundle(value = "checkout", locale = "en")
public interface CheckoutMessages {

    @Message("Pay {merchant}")
    String title(String merchant);

    @Message("Test mode")
    String testTitle();

    @Message("No real money moves. Use these test values (any future expiry, any 3-digit CVC):")
    String testIntro();

    @Message("succeeds")
    String testSucceeds();

    @Message("is declined")
    String testDeclined();

    @Message("asks for authentication (3-D Secure)")
    String testChallenge();

    @Message("UPI, approved")
    String testVpaSuccess();

    @Message("UPI, declined")
    String testVpaFailure();

    @Message("Order summary")
    String summary();

    @Message("Order")
    String orderLabel();

    @Message("Amount due")
    String amountLabel();

    @Message("Payment method")
    String method();

    @Message("Card")
    String methodCard();

    @Message("UPI")
    String methodUpi();

    @Message("Name on card")
    String cardName();

    @Message("Card number")
    String cardNumber();

    @Message("Expiry date (MM/YY)")
    String cardExpiry();

    @Message("Security code (CVC)")
    String cardCvc();

    @Message("UPI ID (VPA)")
    String vpa();

    @Message("For example name@bank")
    String vpaHint();

    @Message("Pay {amount}")
    String pay(String amount);

    @Message("This order is paid.")
    String orderPaid();

    @Message("No payment method is available for this order.")
    String noMethods();

    @Message("Payment page not found")
    String notFoundTitle();

    @Message("This payment link is not valid, or the order does not exist.")
    String notFound();

    @Message("Secured by Payrail")
    String securedBy();

    // The page script's texts (CheckoutLocale#scriptMessages).

    @Message("Processing your payment…")
    String processing();

    @Message("Payment successful")
    String success();

    @Message("Your payment is complete. Reference:")
    String successDetail();

    @Message("Payment failed")
    String failure();

    @Message("Try again")
    String retry();

    @Message("Confirm the payment with your bank")
    String challengeTitle();

    @Message("Complete your bank's check below. This page continues by itself.")
    String challengeHelp();

    @Message("Bank check")
    String challengeFrame();

    @Message("Open your bank's page in a new window instead")
    String challengeOpen();

    @Message("Approve the payment in your UPI app")
    String upiTitle();

    @Message("We sent a payment request to this UPI ID. Open your UPI app and approve it; this page updates by itself.")
    String upiHelp();

    @Message("Scan the QR code to pay")
    String qrTitle();

    @Message("QR code for the payment")
    String qrAlt();

    @Message("The code expires at")
    String qrExpires();

    @Message("Continue on the payment provider's page")
    String redirectTitle();

    @Message("Continue")
    String redirectButton();

    @Message("Enter a valid card number.")
    String errNumber();

    @Message("Enter an expiry date in the future, as MM/YY.")
    String errExpiry();

    @Message("Enter the 3-digit security code (4 digits for American Express).")
    String errCvc();

    @Message("Enter a UPI ID like name@bank.")
    String errVpa();

    @Message("Payrail could not be reached. Check your connection and try again.")
    String errNetwork();

    @Message("Too many attempts. Wait a moment and try again.")
    String errRateLimited();

    @Message("Please correct the highlighted field.")
    String errForm();

    @Message("Close")
    String close();
}
