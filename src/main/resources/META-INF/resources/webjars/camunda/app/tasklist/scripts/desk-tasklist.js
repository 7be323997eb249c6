/*
 * Tasklist in the agent's language beyond its own labels (an AngularJS module the webapp loads
 * with its own, see config.js):
 * - the desk's task and process names: the processes keep English names (Cockpit, the API and
 *   the audit log read them), and a Japanese Tasklist's list shows them in Japanese, by key;
 * - dates ("due in a day"): the webapp gives its dates the language of whichever locale file
 *   loaded last, often the English fallback; after each load and each change of language this
 *   puts them back in the language Tasklist is shown in.
 */
const JAPANESE_TASK_NAMES = {
  'review-identity': '本人確認の審査',
  'approve-reset': 'リセットの二次承認',
  'confirm-problem': '問題の種類の確認'
};
const JAPANESE_PROCESS_NAMES = {
  'account-recovery': 'アカウントの復旧',
  'identity-verification': '本人確認',
  'inbound-mail-triage': '受信メールの仕分け'
};
// The triage task's name carries why the mail needs a person: the reason stays as written.
const TRIAGE = { key: 'triage-mail', english: 'Triage mail: ', japanese: 'メールの仕分け：' };

function japaneseName(task) {
  if (JAPANESE_TASK_NAMES[task.taskDefinitionKey]) {
    return JAPANESE_TASK_NAMES[task.taskDefinitionKey];
  }
  if (task.taskDefinitionKey === TRIAGE.key && task.name && task.name.startsWith(TRIAGE.english)) {
    return TRIAGE.japanese + task.name.substring(TRIAGE.english.length);
  }
  return task.name;
}

/** Lets the resource's answers through a function before the webapp's callback sees them. */
function after(resource, method, change) {
  const original = resource[method];
  resource[method] = function (...args) {
    const done = args[args.length - 1];
    if (typeof done === 'function') {
      args[args.length - 1] = (error, result) => {
        if (!error && result) {
          change(result);
        }
        done(error, result);
      };
    }
    return original.apply(this, args);
  };
}

window.angular
  .module('desk.tasklist', [])
  .config([
    '$provide',
    ($provide) => {
      $provide.decorator('camAPI', [
        '$delegate',
        '$translate',
        (camAPI, $translate) => {
          const inJapanese = () => ($translate.use() || $translate.proposedLanguage()) === 'ja';
          const rename = (task) => {
            if (inJapanese()) {
              task.name = japaneseName(task);
            }
          };
          after(camAPI.resource('filter'), 'getTasks', (list) => {
            const found = list._embedded || {};
            (found.task || []).forEach(rename);
            (found.processDefinition || []).forEach((process) => {
              if (inJapanese() && JAPANESE_PROCESS_NAMES[process.key]) {
                process.name = JAPANESE_PROCESS_NAMES[process.key];
              }
            });
          });
          after(camAPI.resource('task'), 'get', rename);
          return camAPI;
        }
      ]);
    }
  ])
  .run([
    '$rootScope',
    '$translate',
    'moment',
    'amMoment',
    ($rootScope, $translate, moment, amMoment) => {
      const follow = () => {
        const language = $translate.use() || $translate.proposedLanguage();
        if (language && moment.locale() !== language && moment.locales().includes(language)) {
          amMoment.changeLocale(language);
        }
      };
      $rootScope.$on('$translateLoadingSuccess', follow);
      $rootScope.$on('$translateChangeSuccess', follow);
      // A locale file read from the browser's cache defines its dates before any event.
      $rootScope.$watch(() => moment.locale(), follow);
    }
  ]);
