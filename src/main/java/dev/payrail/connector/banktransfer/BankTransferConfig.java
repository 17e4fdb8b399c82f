package dev.payrail.connector.banktransfer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The merchant's collection account shown in bank-transfer instructions. */
@ConfigMapping(prefix = "payrail.bank-transfer")
public interface BankTransferConfig {

    @WithDefault("Payrail Collections")
    String accountName();

    @WithDefault("GB33BUKB20201555555555")
    String iban();

    @WithDefault("BUKBGB22")
    String bic();

    /** Days the customer has to pay before the instructions lapse. */
    @WithDefault("7")
    int validDays();
}
