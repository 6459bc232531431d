// A card moving down onto the remote's reader and back, over and over: shows what "かざす" means.
import Blits from '@lightningjs/blits';

export default Blits.Component('CardAnimation', {
  template: `
    <Element inspector-data="{role: 'card-animation'}">
      <Element x="140" y="250" w="240" h="390" color="#3a3f4b">
        <Element x="40" y="30" w="160" h="110" color="#5e6678" />
        <Element x="95" y="180" w="50" h="50" color="#e60012" />
        <Element x="40" y="260" w="40" h="40" color="#ffffff" />
        <Element x="100" y="260" w="40" h="40" color="#ffffff" />
        <Element x="160" y="260" w="40" h="40" color="#ffffff" />
      </Element>
      <Element x="90" :y.transition="{value: $cardY, duration: 1100, easing: 'ease-in-out'}" w="340" h="214"
        color="#f4f7ff">
        <Element x="0" y="0" w="340" h="46" color="#e8a3b8" />
        <Element x="24" y="70" w="90" h="116" color="#c9d3e6" />
        <Element x="136" y="78" w="180" h="18" color="#c9d3e6" />
        <Element x="136" y="116" w="150" h="18" color="#c9d3e6" />
        <Element x="136" y="154" w="170" h="18" color="#c9d3e6" />
      </Element>
    </Element>
  `,
  state() {
    return { cardY: 0 };
  },
  hooks: {
    ready() {
      const swing = () => {
        this.cardY = this.cardY === 0 ? 210 : 0;
      };
      swing();
      this.$setInterval(swing, 1600);
    },
  },
});
