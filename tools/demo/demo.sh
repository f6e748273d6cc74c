#!/bin/sh
# Placeholder: the demo scenario runs here, inside the test VM.
echo "demo pending"
