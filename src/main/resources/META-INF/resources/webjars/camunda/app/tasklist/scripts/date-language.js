/*
 * Tasklist's dates ("due in a day", "created a minute ago") in the language Tasklist is shown in.
 * The webapp gives its dates the language of whichever locale file loaded last, which for a
 * Japanese browser is the English fallback; this sets them to Tasklist's language each time a
 * language has loaded. It adds nothing to the page.
 */
export default {
  id: 'desk-date-language',
  pluginPoint: 'tasklist.navbar.action',
  priority: 0,
  render: (node) => {
    const injector = window.angular.element(node).injector();
    const translate = injector.get('$translate');
    const dates = injector.get('amMoment');
    const follow = () => {
      const language = translate.use() || translate.proposedLanguage();
      if (language) {
        dates.changeLocale(language);
      }
    };
    const events = injector.get('$rootScope');
    events.$on('$translateLoadingEnd', follow);
    events.$on('$translateChangeSuccess', follow);
    follow();
  }
};
