export { fold, indexText, isStopWord, keyText, stem, wordKey, words } from './normalise';
export { EVERYDAY_VOCABULARY, WAITING_VOCABULARY, planVocabulary, type ExistingGroup } from './vocabulary';
