#!/bin/sh
echo "no cli tests yet"
