import{E as e,F as t,X as n,Y as r,lt as i,q as a,rt as o,st as s}from"./index-DIvwpc-L.js";var c=t.extend({name:`card`,style:`
    .p-card {
        background: dt('card.background');
        color: dt('card.color');
        box-shadow: dt('card.shadow');
        border-radius: dt('card.border.radius');
        display: flex;
        flex-direction: column;
    }

    .p-card-caption {
        display: flex;
        flex-direction: column;
        gap: dt('card.caption.gap');
    }

    .p-card-body {
        padding: dt('card.body.padding');
        display: flex;
        flex-direction: column;
        gap: dt('card.body.gap');
    }

    .p-card-title {
        font-size: dt('card.title.font.size');
        font-weight: dt('card.title.font.weight');
    }

    .p-card-subtitle {
        color: dt('card.subtitle.color');
    }
`,classes:{root:`p-card p-component`,header:`p-card-header`,body:`p-card-body`,caption:`p-card-caption`,title:`p-card-title`,subtitle:`p-card-subtitle`,content:`p-card-content`,footer:`p-card-footer`}}),l={name:`Card`,extends:{name:`BaseCard`,extends:e,style:c,provide:function(){return{$pcCard:this,$parentInstance:this}}},inheritAttrs:!1};l.render=function(e,t,c,l,u,d){return s(),n(`div`,o({class:e.cx(`root`)},e.ptmi(`root`)),[e.$slots.header?(s(),n(`div`,o({key:0,class:e.cx(`header`)},e.ptm(`header`)),[i(e.$slots,`header`)],16)):r(``,!0),a(`div`,o({class:e.cx(`body`)},e.ptm(`body`)),[e.$slots.title||e.$slots.subtitle?(s(),n(`div`,o({key:0,class:e.cx(`caption`)},e.ptm(`caption`)),[e.$slots.title?(s(),n(`div`,o({key:0,class:e.cx(`title`)},e.ptm(`title`)),[i(e.$slots,`title`)],16)):r(``,!0),e.$slots.subtitle?(s(),n(`div`,o({key:1,class:e.cx(`subtitle`)},e.ptm(`subtitle`)),[i(e.$slots,`subtitle`)],16)):r(``,!0)],16)):r(``,!0),a(`div`,o({class:e.cx(`content`)},e.ptm(`content`)),[i(e.$slots,`content`)],16),e.$slots.footer?(s(),n(`div`,o({key:1,class:e.cx(`footer`)},e.ptm(`footer`)),[i(e.$slots,`footer`)],16)):r(``,!0)],16)],16)};export{l as t};