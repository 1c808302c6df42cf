export * from './commands';
export * from './errors';
export * from './events';
export * from './office.schema';
export * from './system.schema';
export * from './users.schema';
export * from './dictionaries.schema';
export * from './backups.schema';
