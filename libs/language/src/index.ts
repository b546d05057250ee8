export { fold, words, isStopWord, stem, wordKey, keyText, indexText } from './normalise';
export {
  EVERYDAY_VOCABULARY,
  WAITING_VOCABULARY,
  MAX_GROUP_TERMS,
  planVocabulary,
  type ExistingGroup,
  type VocabularyChange,
} from './vocabulary';
