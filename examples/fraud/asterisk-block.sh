#!/bin/sh
# sipwarden fraud exec hook for Asterisk: blocks or unblocks international
# calling for an account by setting a key in the AstDB family
# "sipwarden-block", which the outbound dialplan checks (see
# asterisk-extensions.conf). sipwarden runs this program directly (no shell
# command line is built); the event arrives as JSON on standard input and in
# SIPWARDEN_EVENT (block|unblock), SIPWARDEN_ACCOUNT, SIPWARDEN_EXPIRES.
set -eu
account=${SIPWARDEN_ACCOUNT:?}
# The account comes from call records: accept only what an AstDB key and an
# accountcode can safely be, so nothing reaches the Asterisk CLI unchecked.
case "$account" in
    *[!A-Za-z0-9_.@/-]* | "" ) echo "asterisk-block: refusing account name '$account'" >&2; exit 2 ;;
esac
[ ${#account} -le 64 ] || { echo "asterisk-block: account name too long" >&2; exit 2; }
cat > /dev/null   # the alert JSON; kept for logging if wanted
asterisk=${ASTERISK:-/usr/sbin/asterisk}
case "${SIPWARDEN_EVENT:-block}" in
    block)   exec "$asterisk" -rx "database put sipwarden-block $account ${SIPWARDEN_EXPIRES:-0}" ;;
    unblock) exec "$asterisk" -rx "database del sipwarden-block $account" ;;
    *) echo "asterisk-block: unknown event '${SIPWARDEN_EVENT}'" >&2; exit 2 ;;
esac
