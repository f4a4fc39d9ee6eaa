// The stages module's public face: what other modules may use of it.
export { StagesModule } from './stages.module';
export { StagesService } from './stages.service';
export type { StageAnswer, StagePosition } from './stages.service';
export { STAGE_TRANSITIONS, nextStages } from './stage-transitions';
export type { StageTransition } from './stage-transitions';
