export { openGitForge, type GitForge, type GitForgeOptions } from './git-forge.js';
