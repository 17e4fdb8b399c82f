package dev.payrail.risk;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A block-list entry as the merchant sees it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BlocklistView(String id, String object, String type, String value, String note, Instant createdAt) {

    static BlocklistView of(BlocklistEntry e) {
        return new BlocklistView(e.id(), "blocklist_entry", e.type(), e.value(), e.note(), e.createdAt());
    }

    /** The answer to a delete. */
    @Schema(name = "DeletedBlocklistEntry")
    public record Deleted(String id, String object, boolean deleted) {
    }
}
