// The names the till gives its backup files. The shell deletes files in the backup folder only when
// they carry such a name, so a renderer can never remove the manager's other files there.
export const BACKUP_EXTENSION = 'canteen-backup';
export const BACKUP_FILE_NAME = /^canteen-\d{8}-\d{6}\.canteen-backup$/;

export const isBackupFileName = (name: string): boolean => BACKUP_FILE_NAME.test(name);
