/*
 * Hi!
 *
 * Note that this is an EXAMPLE Backstage backend. Please check the README.
 *
 * Happy hacking!
 */

import { createBackend } from 'forklift/framework';
import { legacyAuthModule } from 'forklift/legacy-bridge';

const backend = createBackend();
backend.add(import('@internal/plugin-todo-backend'));
backend.add(legacyAuthModule('todo'));
backend.add(import('@internal/plugin-app-settings-backend'));
backend.add(legacyAuthModule('settings'));
backend.add(import('@internal/plugin-heartbeat-backend'));
backend.add(legacyAuthModule('heartbeat'));
backend.add(import('@internal/plugin-catalog-backend'));
backend.add(import('./modules/catalogModuleOwnerDefaultsProcessor'));
backend.add(import('@internal/plugin-reports-backend'));
backend.add(legacyAuthModule('reports'));
backend.start();
