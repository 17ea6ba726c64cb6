#!/usr/bin/env bash
# Regenerates the firewall dumps in this folder from their sources with the
# real tools, inside a private network namespace (needs root, iptables and
# nftables installed):
#   NAME.rules (iptables-restore input) -> NAME.iptables-save
#   NAME.nft   (nft -f input)           -> NAME.nft.txt (nft list ruleset), NAME.nft.json (nft -j list ruleset)
# The dumps are committed; tests never need root.
set -euo pipefail
cd "$(dirname "$0")"
for f in *.rules; do
    [ -e "$f" ] || continue
    base=${f%.rules}
    cmd=iptables
    case "$base" in *-v6*) cmd=ip6tables ;; esac
    unshare -n sh -c "$cmd-restore < '$f' && $cmd-save" | sed -e 's/ on [A-Z][a-z][a-z] .*$//' > "$base.iptables-save"
done
for f in *.nft; do
    [ -e "$f" ] || continue
    base=${f%.nft}
    unshare -n sh -c "nft -f '$f' && nft list ruleset" > "$base.nft.txt"
    unshare -n sh -c "nft -f '$f' && nft -j list ruleset" > "$base.nft.json"
done
echo "regenerated: $(ls *.iptables-save *.nft.txt *.nft.json 2>/dev/null | tr '\n' ' ')"
