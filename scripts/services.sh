#!/usr/bin/env bash
# Installs and starts the real components the tests use (git; RabbitMQ comes with the bus).
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

need=()
command -v git >/dev/null || need+=(git)
command -v openssl >/dev/null || need+=(openssl) # the TLS bus test makes its certificates
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  $SUDO DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
bash "$(dirname "$0")/rabbitmq.sh" start # the bus tests need a real broker with STOMP
