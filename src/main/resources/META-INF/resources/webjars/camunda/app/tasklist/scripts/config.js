/*
 * Tasklist's own configuration point (the webapp loads this file in place of its default):
 * Tasklist in English and in Japanese, whichever the agent's browser prefers (locales/ja.json
 * is the desk's own translation), its task names and dates too (scripts/desk-tasklist.js, an
 * AngularJS module the webapp loads beside its own). The keyboard shortcuts are the webapp's
 * defaults.
 */
export default {
  locales: {
    availableLocales: ['en', 'ja'],
    fallbackLocale: 'en'
  },
  customScripts: ['scripts/desk-tasklist.js'],
  requireJsConfig: {
    ngDeps: ['desk.tasklist']
  },

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
