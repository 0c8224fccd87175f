/** The {@code spool} command-line tool and the demo. */
package dev.spool.cli;
