/**
 * Recovery cases and the glue between their BPMN processes (in {@code processes/}) and the other
 * modules: delegates named after the tasks they serve, reply handlers that correlate mail.
 */
package dev.recoverydesk.recovery;
