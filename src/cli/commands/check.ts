// Placeholder: the review-engine work replaces this file.
import type { Command } from 'commander';

export function register(_program: Command, _setExit: (code: number) => void): void {}
