/**
 * The seam between the dashboard's test-mode cockpit and the sandbox providers: the interface lives
 * here, its implementation in the sandbox flavour (src/sandbox/java), so a production build holds no
 * way to fake an outcome.
 */
package dev.payrail.dashboard.cockpit;
