/*
 * Tasklist's dates ("due in a day", "created a minute ago") in the language Tasklist is shown in.
 * The webapp gives its dates the language of whichever locale file loaded last, which for a
 * Japanese browser is often the English fallback; this puts them back in Tasklist's language
 * whenever the two differ. It adds nothing to the page.
 */
export default {
  id: 'desk-date-language',
  pluginPoint: 'tasklist.navbar.action',
  priority: 0,
  render: (node) => {
    const injector = window.angular.element(node).injector();
    const translate = injector.get('$translate');
    const moment = injector.get('moment');
    const dates = injector.get('amMoment');
    const language = () => translate.use() || translate.proposedLanguage();
    injector.get('$rootScope').$watch(
      () => moment.locale() + ' ' + language(),
      () => {
        if (language() && moment.locale() !== language()) {
          dates.changeLocale(language());
        }
      }
    );
  }
};
