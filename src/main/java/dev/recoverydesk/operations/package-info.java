/**
 * What an operator watches: the desk's metrics at {@code /actuator/prometheus}, made from the other
 * modules' events (counted on each node) and from the database (the same on every node), and the
 * case id in the logging context of web requests that name a case. The dashboard and the alert
 * rules that read them are in {@code docs/operations/}.
 */
package dev.recoverydesk.operations;
