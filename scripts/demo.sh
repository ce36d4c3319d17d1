#!/usr/bin/env bash
# `pnpm demo`: replays a week of Fedora (packages/runner/demo/fedora-week.jsonl) into a fresh
# ./var/distribution.git and shows what it made.
set -euo pipefail
cd "$(dirname "$0")/.."

REPO=var/distribution.git
forgegate() { node packages/runner/dist/cli/main.js "$@"; }
section() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# The embedded forge is driven by real git.
if ! command -v git >/dev/null; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO DEBIAN_FRONTEND=noninteractive apt-get install -y -qq git
fi

section "build"
npx tsc -b

section "replay a week of Fedora into $REPO"
rm -rf "$REPO"
forgegate replay --repo "$REPO" packages/runner/demo/fedora-week.jsonl

section "the pull requests (forgegate pulls)"
forgegate pulls --repo "$REPO"

section "branches (git -C $REPO branch -a)"
git -C "$REPO" branch -a

section "f42 this week (git -C $REPO log --oneline --graph f42)"
git --no-pager -C "$REPO" log --oneline --graph f42

section "a package file (git -C $REPO show f42:rpms/f/firefox)"
git --no-pager -C "$REPO" show f42:rpms/f/firefox

cat <<EOT

== explore it yourself
  git -C $REPO log --oneline --graph f42              # merges are updates pushed stable
  git -C $REPO diff f41 f42 --stat                    # what differs between two releases
  git -C $REPO ls-tree -r --name-only epel9           # every package file on a branch
  git -C $REPO log --format='%h %s%n%b' -1 rawhide    # provenance: alias and submitter
  git -C $REPO branch --list 'updates/*'              # one head branch per Bodhi update
  pnpm forgegate pulls --repo $REPO --json            # PRs with labels, statuses, comments
  git clone $REPO /tmp/distribution && cd /tmp/distribution   # a normal clone works too
EOT
