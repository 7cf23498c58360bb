export * from './common.dto';
export * from './proposal.dto';
export * from './proposal-views.dto';
export * from './registers.dto';
export * from './audit.dto';
export * from './entities.dto';
export * from './integrity.dto';
export * from './open-data.dto';
