/**
 * The release engine and the private release as the storage and the routes call them: one place
 * that names where they come from.
 */
export {
  answerRequest,
  buildPrivateRelease,
  buildRelease,
  releaseMicrodata,
  revisionIsSafe,
  syntheticMicrodata,
  trueTables,
} from './engine-stand-in';
