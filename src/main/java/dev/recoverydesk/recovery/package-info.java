/**
 * Recovery cases and the glue between their BPMN processes (in {@code processes/}) and the other
 * modules: delegates named after the tasks they serve, and the one reply correlator ({@code
 * replies}) with a reader for each wait.
 */
package dev.recoverydesk.recovery;
