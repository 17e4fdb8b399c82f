package dev.payrail.graphql;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** A key and its value, as input (custom parameters, provider credentials). */
@Input("EntryInput")
public class EntryInput {

    @NonNull
    public String key;
    public String value;
}
