/** Value types that every module speaks: case ids and email addresses. */
package dev.recoverydesk.common;
